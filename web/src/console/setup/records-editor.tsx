import type { ReactNode, Ref } from 'react';
import { Button } from '../../components/button.tsx';
import { Form, FormActions } from '../../components/form.tsx';
import { InlineAlert } from '../../components/inline-alert.tsx';
import { LoadState, type Loadable } from '../../components/load-state.tsx';
import { Loading } from '../../components/loading.tsx';
import { useProblemText } from '../../components/problem-text.ts';
import { useMessages } from '../../i18n/use-messages.ts';
import { setupMessages } from './setup.messages.ts';

/** One column of the records table; the first column heads its row. */
export interface RecordColumn<R> {
  header: string;
  cell: (record: R) => ReactNode;
}

/** The slice of a TanStack mutation the editor reads (a save, or a removal by id). */
interface Mutation<V> {
  error: unknown;
  isError: boolean;
  isPending: boolean;
  isSuccess: boolean;
  variables?: V | undefined;
  mutate: (v: V) => void;
}

interface Props<R> {
  caption: string;
  /** Undefined while loading. */
  records: readonly R[] | undefined;
  /** The reads `records` comes from: a failed one shows its problem and a retry, not "Loading…". */
  load?: Loadable[];
  id: (record: R) => string;
  columns: RecordColumn<R>[];
  /** "Edit" on each row: its accessible name, and what it does (load the form, usually). */
  edit?: { label: (record: R) => string; onEdit: (record: R) => void };
  /** "Remove" on each row, by the record's id; a refused removal shows `problem` (or the server's words). */
  remove?: {
    label: (record: R) => string;
    mutation: Mutation<string>;
    problem?: (error: unknown) => string | undefined;
  };
  form: {
    /** The panel's heading (with its own section) or none (the caller's section heads it). */
    heading?: { id: string; text: ReactNode; ref?: Ref<HTMLHeadingElement> };
    save: Mutation<void>;
    fieldErrors?: Record<string, string> | undefined;
    submitLabel: string;
    /** Shown while a record is being edited: back to adding. */
    onCancel?: (() => void) | undefined;
    /** Fields laid out in the form grid. */
    fields: ReactNode;
    /** Anything after the grid (a fieldset of checkboxes, optional fields). */
    more?: ReactNode;
  };
}

/**
 * The setup pages' one shape: a table of records (the first column heads each row, with Edit and
 * Remove named for their record), the message a refused removal gives, and a panel with the form
 * that adds a record (or changes the one being edited).
 */
export function RecordsEditor<R>({
  caption,
  records,
  load,
  id,
  columns,
  edit,
  remove,
  form,
}: Props<R>) {
  const s = useMessages(setupMessages);
  const problemText = useProblemText();
  const hasActions = Boolean(edit || remove);
  const [first, ...rest] = columns;
  const { save } = form;
  const body = (
    <Form error={save.error} fieldErrors={form.fieldErrors} onSubmit={() => save.mutate()}>
      <div className="form-grid">{form.fields}</div>
      {form.more}
      <InlineAlert tone="success">{save.isSuccess && s('setup.saved')}</InlineAlert>
      <FormActions>
        <Button type="submit" isPending={save.isPending}>
          {form.submitLabel}
        </Button>
        {form.onCancel && (
          <Button variant="quiet" onPress={form.onCancel}>
            {s('setup.cancelEdit')}
          </Button>
        )}
      </FormActions>
    </Form>
  );
  return (
    <>
      {load ? <LoadState queries={load} /> : records === undefined && <Loading />}
      {records && first && (
        <div className="table-wrap">
          <table className="records">
            <caption>{caption}</caption>
            <thead>
              <tr>
                {columns.map((c) => (
                  <th key={c.header} scope="col">
                    {c.header}
                  </th>
                ))}
                {hasActions && <th scope="col">{s('setup.actions')}</th>}
              </tr>
            </thead>
            <tbody>
              {records.length === 0 && (
                <tr>
                  <td colSpan={columns.length + (hasActions ? 1 : 0)}>{s('setup.none')}</td>
                </tr>
              )}
              {records.map((r) => (
                <tr key={id(r)}>
                  <th scope="row">{first.cell(r)}</th>
                  {rest.map((c) => (
                    <td key={c.header}>{c.cell(r)}</td>
                  ))}
                  {hasActions && (
                    <td>
                      <div className="row-actions">
                        {edit && (
                          <Button
                            variant="secondary"
                            aria-label={edit.label(r)}
                            onPress={() => edit.onEdit(r)}
                          >
                            {s('setup.edit')}
                          </Button>
                        )}
                        {remove && (
                          <Button
                            variant="secondary"
                            aria-label={remove.label(r)}
                            isPending={
                              remove.mutation.isPending && remove.mutation.variables === id(r)
                            }
                            onPress={() => remove.mutation.mutate(id(r))}
                          >
                            {s('setup.remove')}
                          </Button>
                        )}
                      </div>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {remove && (
        <InlineAlert tone="error">
          {remove.mutation.isError &&
            (remove.problem?.(remove.mutation.error) ?? problemText(remove.mutation.error))}
        </InlineAlert>
      )}
      {form.heading ? (
        <section className="section form-panel" aria-labelledby={form.heading.id}>
          <h2 id={form.heading.id} ref={form.heading.ref} tabIndex={-1}>
            {form.heading.text}
          </h2>
          {body}
        </section>
      ) : (
        <div className="form-panel section">{body}</div>
      )}
    </>
  );
}
