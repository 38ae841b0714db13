import * as Toast from '@radix-ui/react-toast';
import { QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { ClientContext, type AppClient } from './api/client.ts';
import { ActivityDrawer } from './components/ActivityDrawer.tsx';
import { ConfirmProvider } from './components/confirm.tsx';
import { Header } from './components/Header.tsx';
import { NavRail } from './components/NavRail.tsx';
import { ReadOnlyBanner } from './components/ReadOnlyBanner.tsx';
import { ReviewerDialog } from './components/ReviewerDialog.tsx';
import { createQueryClient } from './data/query-client.ts';
import { ShortcutsDialog } from './components/ShortcutsDialog.tsx';
import { SyncSetupDialog } from './components/sync/SyncSetupDialog.tsx';
import { StatusBar } from './components/StatusBar.tsx';
import { Toasts } from './components/Toasts.tsx';
import { handleShortcut } from './keyboard.ts';
import { AnalysesStage } from './stages/analyses/AnalysesStage.tsx';
import { PlaceholderStage } from './stages/PlaceholderStage.tsx';
import { ProtocolStage } from './stages/protocol/ProtocolStage.tsx';
import { RecordsStage } from './stages/records/RecordsStage.tsx';
import { ReportsStage } from './stages/reports/ReportsStage.tsx';
import { RobStage } from './stages/rob/RobStage.tsx';
import { ScreeningStage } from './stages/screening/ScreeningStage.tsx';
import { stageById, type StageId } from './stages/stages.ts';
import { StudiesStage } from './stages/studies/StudiesStage.tsx';
import { ReviewerBanner } from './components/ReviewerBanner.tsx';
import { createAppStore, StoreContext, useApp, type AppStore } from './store/app.ts';

export interface AppProps {
  readonly client: AppClient;
  /** For tests: start on another stage. */
  readonly initialStage?: StageId;
  /** For tests: inspect the store. */
  readonly onStore?: (store: AppStore) => void;
}

export function App({ client, initialStage, onStore }: AppProps) {
  const [queryClient] = useState(createQueryClient);
  const [store] = useState(() => createAppStore(client, queryClient, initialStage));
  useEffect(() => {
    onStore?.(store);
    void store.getState().init();
    const onKey = (e: KeyboardEvent) => handleShortcut(e, store);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store, onStore]);

  return (
    <QueryClientProvider client={queryClient}>
      <ClientContext.Provider value={client}>
        <StoreContext.Provider value={store}>
          <Toast.Provider swipeDirection="right" label="Notification">
            <ConfirmProvider>
              <Shell />
              <ActivityDrawer />
              <ReviewerDialog />
              <ShortcutsDialog />
              <SyncSetupDialog />
              <Toasts />
            </ConfirmProvider>
          </Toast.Provider>
        </StoreContext.Provider>
      </ClientContext.Provider>
    </QueryClientProvider>
  );
}

function Shell() {
  const stageId = useApp((s) => s.stage);
  const loaded = useApp((s) => s.loaded);
  const loadError = useApp((s) => s.loadError);
  const init = useApp((s) => s.init);
  const stage = stageById(stageId);
  useEffect(() => {
    document.title = `${stage.label} · Grove`;
  }, [stage]);

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <Header />
      <div className="app-body">
        <NavRail />
        <main id="main" className="main" tabIndex={-1}>
          {!loaded ? (
            <p className="muted main__loading" role="status">
              Opening the review…
            </p>
          ) : loadError ? (
            <div className="stage">
              <div className="notice notice--error card" role="alert">
                <h1 className="card__title">Grove could not open the review</h1>
                <p>{loadError}</p>
                <button type="button" className="button" onClick={() => void init()}>
                  Try again
                </button>
              </div>
            </div>
          ) : (
            <>
              <ReadOnlyBanner />
              <ReviewerBanner />
              {stage.id === 'protocol' ? (
                <ProtocolStage />
              ) : stage.id === 'studies' ? (
                <StudiesStage />
              ) : stage.id === 'risk-of-bias' ? (
                <RobStage />
              ) : stage.id === 'analyses' ? (
                <AnalysesStage />
              ) : stage.id === 'reports' ? (
                <ReportsStage />
              ) : stage.id === 'records' ? (
                <RecordsStage />
              ) : stage.id === 'screening' ? (
                <ScreeningStage />
              ) : (
                <PlaceholderStage stage={stage} />
              )}
            </>
          )}
        </main>
      </div>
      <StatusBar />
    </div>
  );
}
