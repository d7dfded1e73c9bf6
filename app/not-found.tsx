import Link from 'next/link';

export default function NotFound() {
  return (
    <main className="mx-auto max-w-xl px-4 py-16">
      <h1 className="text-2xl font-semibold">Not found</h1>
      <p className="mt-2 text-zinc-600 dark:text-zinc-300">
        There is no page here, or the queue or request ID is not a valid one.
      </p>
      <Link href="/" className="mt-4 inline-block text-sky-700 underline dark:text-sky-400">
        Back to the queues
      </Link>
    </main>
  );
}
