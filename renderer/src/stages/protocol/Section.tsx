// One card of the protocol form: a titled, labelled section.

export function Section(props: { id: string; title: string; intro?: string; children: React.ReactNode }) {
  return (
    <section className="card" id={props.id} aria-labelledby={`${props.id}-h`}>
      <h2 id={`${props.id}-h`} className="card__title">
        {props.title}
      </h2>
      {props.intro ? <p className="card__intro">{props.intro}</p> : null}
      {props.children}
    </section>
  );
}
