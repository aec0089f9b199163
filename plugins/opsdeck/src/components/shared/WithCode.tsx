import { makeStyles } from '@material-ui/core/styles';
import { Fragment } from 'react';

const useStyles = makeStyles(theme => ({
  code: {
    color: theme.palette.text.primary,
    fontFamily: 'monospace',
    fontSize: '0.85em',
    background: theme.palette.action.hover,
    padding: '0 3px',
    borderRadius: 3,
  },
}));

/**
 * A code span (a config key, an annotation) inside a sentence.
 *
 * @internal
 */
export function Code({ children }: { children: string }) {
  const classes = useStyles();
  return <code className={classes.code}>{children}</code>;
}

/**
 * Text with `code` spans written in backticks, as OpsDeck's fix hints are.
 *
 * @internal
 */
export function WithCode({ text }: { text: string }) {
  const classes = useStyles();
  return (
    <>
      {text.split('`').map((part, i) =>
        i % 2 ? (
          <code key={i} className={classes.code}>
            {part}
          </code>
        ) : (
          <Fragment key={i}>{part}</Fragment>
        ),
      )}
    </>
  );
}
