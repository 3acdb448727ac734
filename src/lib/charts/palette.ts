/**
 * Colours of charts. Categories use the Government Analysis Function's categorical palette, in
 * its order (each colour at least 3:1 against white and against its neighbours); the app's own
 * chrome uses NHS identity colours. Source: analysisfunction.civilservice.gov.uk, "Data
 * visualisation: colours" (also in the afcharts packages).
 */

/** Analysis Function categorical palette: dark blue, turquoise, dark pink, orange, dark grey, light purple. */
export const AF_CATEGORICAL = ['#12436D', '#28A197', '#801650', '#F46A25', '#3D3D3D', '#A285D1'] as const;

/** Analysis Function "duo" palette: the two colours with the most contrast between them. */
export const AF_DUO = ['#12436D', '#F46A25'] as const;

/** One series with no comparison: dark blue. */
export const SINGLE = AF_CATEGORICAL[0];

/** Benchmarks and targets drawn as lines: dark grey. */
export const REFERENCE_LINE = '#3D3D3D';

/** Marks for suppressed values and other "no figure" states: mid grey, still 3:1 on white. */
export const SUPPRESSED = '#768692';

/** Colours of funnel positions; each also has its own symbol and text, never colour alone. */
export const POSITION_COLOURS = {
	high_998: '#12436D',
	high_95: '#2073BC',
	within: '#3D3D3D',
	low_95: '#F46A25',
	low_998: '#801650'
} as const;
