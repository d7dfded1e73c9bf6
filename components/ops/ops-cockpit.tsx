'use client';

import { useQuery } from '@tanstack/react-query';
import { ErrorAlert } from '@/components/ui/alert';
import { Skeleton } from '@/components/ui/skeleton';
import { errorMessage } from '@/lib/queries/action-error';
import { activityQuery } from '@/lib/queries/options';
import { ActivityPanel } from './activity-panel';
import { HoldersPanel } from './holders-panel';
import { VerdictList } from './verdict-list';

interface OpsCockpitProps {
  queueId: string;
  /** The serverNow of the snapshot just shown: the cockpit is judged after it was recorded. */
  after: string;
  /** As the URL has them; the server says what is wrong with a bad one. */
  silentAfter: number;
  poisonAt: number;
  pageKey: string;
  sessionKey: string;
  writeBlock: string | null;
}

/** What is wrong and how to fix it: verdicts, lock holders and activity, from the recorded history. */
export default function OpsCockpit(props: OpsCockpitProps) {
  const { queueId, after, silentAfter, poisonAt } = props;
  const activity = useQuery(activityQuery(queueId, { silentAfter, poisonAt }, after));
  const data = activity.data;

  if (activity.isPending) return <Skeleton className="h-24" label="Judging the queue" />;
  if (!data) return <ErrorAlert title="Could not judge this queue">{errorMessage(activity.error)}</ErrorAlert>;
  return (
    <div className="flex flex-col gap-3">
      {activity.error && <ErrorAlert title="Could not judge this queue">{errorMessage(activity.error)}</ErrorAlert>}
      <VerdictList verdicts={data.verdicts} settings={data.settings} />
      <div className="grid gap-4 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <HoldersPanel
          queueId={queueId}
          holders={data.holders}
          settings={data.settings}
          pageKey={props.pageKey}
          sessionKey={props.sessionKey}
          locksTruncated={data.locksTruncated}
          writeBlock={props.writeBlock}
        />
        <ActivityPanel activity={data} />
      </div>
    </div>
  );
}
