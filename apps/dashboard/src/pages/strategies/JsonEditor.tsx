import { type UIEvent, useRef } from 'react';

interface JsonEditorProps {
  readonly id: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly invalid: boolean;
  /** Lines to mark (1-based): where the parse failed or a server problem points. */
  readonly markedLines: readonly number[];
  /** The id of the element that describes what is wrong, for screen readers. */
  readonly describedBy?: string;
}

/** A monospace textarea with a line-number gutter that scrolls with it. */
export function JsonEditor({ id, value, onChange, invalid, markedLines, describedBy }: JsonEditorProps) {
  const gutter = useRef<HTMLDivElement>(null);
  const lines = value.split('\n').length;
  const marked = new Set(markedLines);
  const scroll = (event: UIEvent<HTMLTextAreaElement>) => {
    if (gutter.current) gutter.current.scrollTop = event.currentTarget.scrollTop;
  };
  return (
    <div className={`json-editor${invalid ? ' invalid' : ''}`}>
      <div className="json-editor-gutter" ref={gutter} aria-hidden="true">
        {Array.from({ length: lines }, (_, index) => (
          <div key={index} className={marked.has(index + 1) ? 'marked' : undefined}>
            {index + 1}
          </div>
        ))}
      </div>
      <textarea
        id={id}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        onScroll={scroll}
        spellCheck={false}
        autoCapitalize="off"
        autoComplete="off"
        wrap="off"
        aria-invalid={invalid}
        aria-describedby={describedBy}
      />
    </div>
  );
}
