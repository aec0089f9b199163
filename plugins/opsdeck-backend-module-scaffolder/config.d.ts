export interface Config {
  opsdeck?: {
    /** OpsDeck's scaffolder actions. */
    scaffolder?: {
      /**
       * Where `opsdeck:publish:workspace` publishes golden paths' files (a folder per run),
       * relative to the backend's working directory. Default `.opsdeck-workspace` there.
       */
      publishDirectory?: string;
    };
  };
}
