/**
 * The Live page: the live debugger (docs/live-debugger.md) runs on its own page, `/live`, served
 * by the admin service beside this app. This page hands it the signed-in token (same origin,
 * session storage: the key that page reads) and opens it.
 */
import { tokenStore } from '../api/client';
import { PageHeader } from '../lib/ui';

export function LivePage() {
  const open = (): void => {
    const token = tokenStore.get();
    if (token) sessionStorage.setItem('datafly-token', token);
    window.location.assign('/live');
  };
  return (
    <>
      <PageHeader
        title="Live"
        subtitle="Follow each event from the edge to every vendor's answer, as it happens."
      />
      <p>
        The live debugger shows, per event, what the processor did (transformations, consent for
        each integration, parameters) and what each integration sent and got back: the exact request
        with secrets masked, the vendor's status and body, retries and dead-letter entries. Nothing
        is sampled; events a slow connection could not show are counted.
      </p>
      <button type="button" className="btn btn-primary" onClick={open}>
        Open the live debugger
      </button>
    </>
  );
}
