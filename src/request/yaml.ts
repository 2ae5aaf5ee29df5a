/**
 * The `yaml` package, for `vars`, `messages` and `prompt-yml`. It is about 350 KB of code, so it is
 * passed in rather than imported: inputs/ loads it (a dynamic import, a chunk of its own) only when
 * one of those inputs is given, and every other run does not parse it.
 */
export type Yaml = typeof import('yaml')

export const loadYaml = (): Promise<Yaml> => import('yaml')
