import { type ReactNode, useId } from 'react';

/** The card look: for a panel, and for a card that its page labels from outside. */
export const cardClass = 'rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900';

interface HeadingLook {
  Tag: 'h1' | 'h2';
  className: string;
  /** The space between the title and the actions beside it. */
  rowGap: string;
}

const HEADINGS: Record<'page' | 'section' | 'minor', HeadingLook> = {
  page: { Tag: 'h1', className: 'text-2xl font-semibold break-all', rowGap: 'gap-2' },
  section: { Tag: 'h2', className: 'text-lg font-semibold', rowGap: 'gap-3' },
  minor: { Tag: 'h2', className: 'font-semibold', rowGap: 'gap-3' },
};

interface PanelProps {
  title: ReactNode;
  /** `page` is the page's h1; `minor` a plain-sized h2. */
  heading?: keyof typeof HEADINGS;
  /** Controls in a row beside the title. */
  actions?: ReactNode;
  /** The title takes the row's free space, so the actions sit at its far end. */
  actionsAtEnd?: boolean;
  description?: ReactNode;
  /** More room inside, for a panel that stands alone on its page. */
  roomy?: boolean;
  /** The body's layout, e.g. `flex flex-col gap-3`. */
  className?: string;
  /** The body, if any beyond the title, actions and description. */
  children?: ReactNode;
}

/** A card region named by its heading (`getByRole('region', { name: title })`). */
export function Panel({
  title,
  heading = 'section',
  actions,
  actionsAtEnd = false,
  description,
  roomy = false,
  className = '',
  children,
}: PanelProps) {
  const titleId = useId();
  const { Tag, className: titleClass, rowGap } = HEADINGS[heading];
  const titleElement = (
    <Tag id={titleId} className={actionsAtEnd ? `mr-auto ${titleClass}` : titleClass}>
      {title}
    </Tag>
  );
  return (
    <section aria-labelledby={titleId} className={`${cardClass} ${roomy ? 'p-5' : 'p-4'} ${className}`}>
      {actions ? (
        <div className={`flex flex-wrap items-center ${rowGap}`}>
          {titleElement}
          {actions}
        </div>
      ) : (
        titleElement
      )}
      {description && <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-300">{description}</p>}
      {children}
    </section>
  );
}
