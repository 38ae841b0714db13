// What the Screening stage mounts: the full-text pane beside its form, and the linking view.
export { FullTextPane, type FullTextPaneProps } from './FullTextPane.tsx';
export { LinkingView } from './LinkingView.tsx';
export { IncludedStudiesBanner } from './IncludedStudiesBanner.tsx';
