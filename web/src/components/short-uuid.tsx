/** A uuid shown by its first eight characters (the whole one on hover): until a name is known. */
export const ShortUuid = (props: { id: string }) => <code title={props.id}>{props.id.slice(0, 8)}…</code>;
