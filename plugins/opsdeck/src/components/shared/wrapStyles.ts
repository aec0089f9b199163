import { makeStyles } from '@material-ui/core/styles';

/**
 * Backstage's theme keeps list item text on one line (`nowrap`, clipped); OpsDeck's lists hold
 * sentences and times that must wrap in narrow cards.
 *
 * @internal
 */
export const useWrapStyles = makeStyles({
  wrap: { whiteSpace: 'normal', '& > *': { whiteSpace: 'normal' } },
});
