// `npm run graph`: the import graph by room and by folder, then anything that breaks the map.
// `npm run graph -- --files` lists every file's imports instead of the folders'.
import { readImportGraph } from './imports';
import { DOORS, doorViolations, importCycles, roomOf } from './rooms';

const files = readImportGraph('.');
const folderOf = (path: string) => path.split('/').slice(0, -1).join('/') || path;

function printEdges(title: string, label: (path: string) => string) {
  const counts = new Map<string, number>();
  for (const file of files) {
    for (const target of file.imports) {
      const from = label(file.path);
      const to = label(target);
      if (from !== to) counts.set(`${from} → ${to}`, (counts.get(`${from} → ${to}`) ?? 0) + 1);
    }
  }
  console.log(`\n${title}`);
  for (const [edge, count] of [...counts].sort()) console.log(`  ${edge}  (${count})`);
}

printEdges('Rooms (imports between them):', (path) => roomOf(path) ?? 'no room');
console.log('\nDoors (the only imports allowed between rooms; shared modules are open to all):');
for (const [from, to, why] of DOORS) console.log(`  ${from.source} → ${to.source}: ${why}`);
if (process.argv.includes('--files')) printEdges('Files:', (path) => path);
else printEdges('Folders:', folderOf);

const problems = [
  ...doorViolations(files),
  ...importCycles(files).map((cycle) => `import cycle: ${[...cycle, cycle[0]].join(' → ')}`),
];
console.log(problems.length === 0 ? '\nEvery import keeps to the map; no cycles.' : `\n${problems.join('\n')}`);
process.exitCode = problems.length === 0 ? 0 : 1;
