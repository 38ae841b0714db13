// Why a team-server command could not do its work, so each host can say it plainly and
// exit with a code a script can test: the server cannot be reached (offline: nothing was
// sent or changed, sync again later), or it refused (bad URL, login, membership,
// schema): the user must change something first.

export type TeamServerFailure = 'unreachable' | 'refused';

export class TeamServerError extends Error {
  constructor(
    readonly failure: TeamServerFailure,
    message: string,
  ) {
    super(message);
    this.name = 'TeamServerError';
  }
}
