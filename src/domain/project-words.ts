/**
 * An outcome's projects as a viewer reads them: those they may browse, by name, and the others only
 * counted ("CHK, PLAT and 1 project you cannot see"): projects a viewer cannot browse are never named.
 */
export function projectsInWords(named: readonly string[], hidden: number): string {
  const list = named.join(', ');
  if (hidden === 0) return list;
  const others = `${hidden} ${hidden === 1 ? 'project' : 'projects'} you cannot see`;
  return list ? `${list} and ${others}` : others;
}
