import { DEFAULT_FREQUENT_ATTENDER_PER_6_MONTHS, DEFAULT_MINUTES_PER_APPOINTMENT, DEFAULT_PRICE_YEAR, DEFAULT_UNIT_COST_GBP, DEFAULT_WINDOW_MONTHS, REGRESSION_TO_THE_MEAN_CAVEAT } from './gp-use.js';
import { CONFIDENCE_95, CONFIDENCE_998, Z_95, Z_998 } from './interval.js';
import { DEFAULT_TRIM } from './overdispersion.js';
import { LTP_LINK_WORKERS, LTP_LINK_WORKERS_YEAR, LTP_REFERRALS_PER_YEAR, LTP_REFERRALS_YEAR, NATIONAL_REGISTERED_PATIENTS, NATIONAL_REGISTERED_PATIENTS_MONTH } from './programme.js';
import { DEFAULT_RATE_MULTIPLIER, EXACT_POISSON_BELOW } from './rate.js';
import { ROUND_TO, SUPPRESS_FROM, SUPPRESS_TO } from './disclosure.js';
import { DEFAULT_CHANGE_THRESHOLDS, UCLA3_LONELY_FROM } from './thresholds.js';
import { BASE_LABELS, completenessFields } from '../schema/completeness.js';

/** A setting or threshold of a metric, with its default and where the default comes from. */
export interface MetricSetting {
	name: string;
	value: number | string;
	source: string;
}

/** How one metric is defined, for the Methods page and the downloads' notes. */
export interface MetricDefinition {
	id: string;
	title: string;
	measures: string;
	formula_words: string;
	formula_maths: string;
	settings: readonly MetricSetting[];
	caveats: readonly string[];
}

const measuredFields = (['referrals', 'contacts', 'signposting'] as const).flatMap((t) => completenessFields(t));
const notRecorded = measuredFields.filter((f) => f.not_recorded.length > 0).map((f) => `${f.column} ${f.not_recorded.map((v) => `'${v}'`).join(' or ')}`);
const subsetBases = measuredFields.filter((f) => f.base !== 'all').map((f) => `${BASE_LABELS[f.base]} for ${f.column}`);

const pct = (level: number) => `${+(level * 100).toFixed(1)}%`;
const thresholdSettings: MetricSetting[] = Object.values(DEFAULT_CHANGE_THRESHOLDS).map((t) => ({
	name: `meaningful change, ${t.instrument}${t.instrument === 'swemwbs' ? ' (metric points)' : ' (points)'}`,
	value: t.points,
	source: t.source
}));

/** Every metric Signpost reports, built from the constants the functions use so the two never drift. */
export const METRIC_DEFINITIONS: readonly MetricDefinition[] = [
	{
		id: 'proportion',
		title: 'Proportions (e.g. share accepted, share improved)',
		measures: 'The share of a group with a characteristic, with a Wilson score interval.',
		formula_words: `Numerator over denominator; the interval is the Wilson score interval (Newcombe & Altman 2000) as PHEindicatormethods, at ${pct(CONFIDENCE_95)} (z = ${Z_95}) or ${pct(CONFIDENCE_998)} (z = ${Z_998}).`,
		formula_maths: 'p = x / n; limits = (2x + z^2 +/- z sqrt(z^2 + 4x(1 - x/n))) / (2(n + z^2))',
		settings: [{ name: 'z (95%)', value: Z_95, source: 'PHEindicatormethods / Fingertips' }, { name: 'z (99.8%)', value: Z_998, source: 'PHEindicatormethods / Fingertips' }],
		caveats: []
	},
	{
		id: 'mean',
		title: 'Means and mean paired change',
		measures: 'The average score, or the average change per person between baseline and follow-up, with a t-interval.',
		formula_words: 'Mean of the values; interval mean plus or minus the t quantile with n - 1 degrees of freedom times the standard deviation over the square root of n. Change is paired: the same referral at baseline and follow-up.',
		formula_maths: 'mean +/- t(n - 1; 0.975) s / sqrt(n)',
		settings: [],
		caveats: ['Warwick advises at least 30 people measured twice before comparing WEMWBS means.', 'Averaging all baselines and all follow-ups without pairing mixes different people; Signpost reports paired change only.']
	},
	{
		id: 'srm',
		title: 'Standardised response mean',
		measures: 'Size of the average change relative to how much change varies between people.',
		formula_words: 'Mean paired change divided by the standard deviation of the paired changes.',
		formula_maths: 'SRM = mean(change) / sd(change)',
		settings: [],
		caveats: ['Not shown with fewer than 2 pairs or when every change is the same.']
	},
	{
		id: 'rate',
		title: `Rates per ${DEFAULT_RATE_MULTIPLIER.toLocaleString('en-GB')}`,
		measures: 'Events (e.g. contacts, referrals) per 1,000 registered patients, with an interval.',
		formula_words: `Events over the population times ${DEFAULT_RATE_MULTIPLIER.toLocaleString('en-GB')}; exact Poisson limits below ${EXACT_POISSON_BELOW} events, Byar's approximation from ${EXACT_POISSON_BELOW}, as PHEindicatormethods.`,
		formula_maths: "exact: chi2(0.025; 2x)/2, chi2(0.975; 2x + 2)/2; Byar's: x(1 - 1/(9x) - z/(3 sqrt x))^3, (x + 1)(1 - 1/(9(x + 1)) + z/(3 sqrt(x + 1)))^3; each / n x 1000",
		settings: [{ name: 'exact below (events)', value: EXACT_POISSON_BELOW, source: 'PHEindicatormethods / Fingertips' }],
		caveats: [
			'Below national level the rate is computed from the referral count after rounding to the nearest 5 (disclosure control), and so is its interval.',
			'For a period shorter or longer than a financial year the rate is annualised: multiplied by 12 / months in the period, interval included.',
			'The population is every registered patient of the practices: list sizes carry no age, sex, ethnicity, deprivation, need or referral source, so with those filters the rate divides the matching referrals by all patients (the chart says so under it).'
		]
	},
	{
		id: 'wellbeing_change',
		title: 'Wellbeing: paired change and share improved or worse',
		measures: 'Counts with a baseline, a follow-up and a pair; mean baseline, follow-up and change of the pairs; the share who improved or got worse by at least a meaningful change.',
		formula_words: 'Change is follow-up minus baseline, with the sign reversed where a lower score is better (ONS4 anxiety, UCLA-3). Improved: change at least the threshold; worse: change at most minus the threshold. SWEMWBS raw totals are converted to metric scores with Warwick\'s table first.',
		formula_maths: 'improved = #(change >= T) / pairs; worse = #(change <= -T) / pairs; Wilson interval each',
		settings: [...thresholdSettings, { name: 'UCLA-3 lonely from (total)', value: UCLA3_LONELY_FROM, source: 'UCLA 3-item scale scoring (3-9); 6 or more = lonely' }],
		caveats: ['The ONS4 and UCLA-3 thresholds of 1 point are conventions, not validated minimal important changes.', 'Without a comparison group, change cannot be attributed to social prescribing.']
	},
	{
		id: 'ons4_bands',
		title: 'ONS4 wellbeing bands',
		measures: 'How many people moved out of low wellbeing (high anxiety) between baseline and follow-up.',
		formula_words: 'ONS bands: life satisfaction, worthwhile, happiness 0-4 low, 5-6 medium, 7-8 high, 9-10 very high; anxiety 0-1 very low, 2-3 low, 4-5 medium, 6-10 high.',
		formula_maths: 'moved out = #(baseline in poor band and follow-up not in it)',
		settings: [],
		caveats: ['ONS reports the four items separately and never sums them.']
	},
	{
		id: 'ons4_band_movement',
		title: 'ONS4 band movement',
		measures: 'For people with paired ONS4 scores, whether their follow-up score is in a better ONS band than their baseline score, the same band or a worse one, by the band they started in.',
		formula_words: 'Each score is put in its ONS band (cut-offs as above). A higher band is better for life satisfaction, worthwhile and happiness; a lower band is better for anxiety. Percentages are of the people who started in that band, from the rounded counts.',
		formula_maths: 'better = #(rank(band(follow-up)) beyond rank(band(baseline)) in the better direction) / #(baseline in the band)',
		settings: [],
		caveats: ['Moving band can reflect a change of one point at a band edge; a large change within a band does not count.', 'Counts that would let a hidden count be worked out from its band\'s total are hidden too (secondary suppression).']
	},
	{
		id: 'wellbeing_distribution',
		title: 'Baseline and follow-up distributions',
		measures: 'How the baseline and the follow-up scores of the same people (those with a pair) are spread across the scale.',
		formula_words: 'Scores on the analysis scale are counted in bins: one bin per score when a measure has up to 15 possible scores (ONS4, UCLA-3), otherwise about 15 bins of equal width (WEMWBS 4 points; SWEMWBS metric scores 2 points, from the lower bound up to but not including the upper), with the top score in the last bin. Each bin is a count under disclosure control, with secondary suppression across the bins and their total.',
		formula_maths: 'bin = min(floor((score - minimum) / width), bins - 1)',
		settings: [],
		caveats: ['Only pairs are counted, so baseline and follow-up describe the same people.']
	},
	{
		id: 'wellbeing_by_group',
		title: 'Paired change by group',
		measures: 'Mean paired change for groups of people (PCN, need, IMD quintile, age band, sex) against the mean for everyone shown.',
		formula_words: 'Mean paired change of each group with its 95% t-interval; a group is better or worse than the overall mean when its interval lies wholly above or below it, else similar (as Fingertips). A referral with several needs counts under each of them, so the need groups overlap.',
		formula_maths: 'mean_g +/- t(n_g - 1; 0.975) s_g / sqrt(n_g); compared with the overall mean',
		settings: [],
		caveats: ['Groups differ in who they include; a difference between groups is not evidence that the group caused it.']
	},
	{
		id: 'wellbeing_completeness',
		title: 'Completeness of wellbeing scores',
		measures: 'Of the accepted referrals in the period, how many have a baseline score, a follow-up score and a pair.',
		formula_words: 'A referral has a baseline (follow-up, pair) on an instrument when any measure of that instrument has one; "any instrument" when any instrument does. Percentages are of accepted referrals, from the rounded counts, with Wilson intervals. The total row and the PCN rows go through secondary suppression.',
		formula_maths: 'paired share = #(accepted with a pair) / #(accepted)',
		settings: [],
		caveats: ['A low share with a pair makes every wellbeing figure less certain and possibly biased: people who stay in touch may differ from those who do not.']
	},
	{
		id: 'gp_time_freed',
		title: 'GP appointments avoided and GP time freed',
		measures: 'GP appointments in the months before the referral minus those after, per person and in total, as GP hours and cost.',
		formula_words: `Appointments in the ${DEFAULT_WINDOW_MONTHS} months before the referral month minus those in the ${DEFAULT_WINDOW_MONTHS} months after (referral month excluded), for people whose record covers all months; hours = appointments x ${DEFAULT_MINUTES_PER_APPOINTMENT} minutes / 60; cost = appointments x GBP ${DEFAULT_UNIT_COST_GBP} (${DEFAULT_PRICE_YEAR} prices). Frequent attenders: ${DEFAULT_FREQUENT_ATTENDER_PER_6_MONTHS} or more appointments in the 6 months before (scaled for longer windows).`,
		formula_maths: 'avoided_i = before_i - after_i; mean +/- t(n - 1) s / sqrt(n); hours = sum(avoided) x minutes / 60',
		settings: [
			{ name: 'window (months)', value: DEFAULT_WINDOW_MONTHS, source: 'Signpost default; 12 allowed' },
			{ name: 'minutes per appointment', value: DEFAULT_MINUTES_PER_APPOINTMENT, source: 'PSSRU Unit Costs of Health and Social Care 2023 onwards (9.22 in earlier editions)' },
			{ name: 'cost per GP consultation (GBP)', value: DEFAULT_UNIT_COST_GBP, source: `PSSRU Unit Costs of Health and Social Care 2025, ${DEFAULT_PRICE_YEAR} prices` },
			{ name: 'frequent attender from (appointments in 6 months)', value: DEFAULT_FREQUENT_ATTENDER_PER_6_MONTHS, source: 'Signpost convention: a fixed count so areas and cohorts are split alike' }
		],
		caveats: [REGRESSION_TO_THE_MEAN_CAVEAT]
	},
	{
		id: 'gp_difference_in_differences',
		title: 'GP appointments avoided: difference-in-differences (headline)',
		measures: 'Appointments avoided per person in the referred cohort beyond those avoided in a comparison cohort.',
		formula_words: 'Mean (before - after) in the referred minus mean (before - after) in the comparison cohort, with a Welch t-interval.',
		formula_maths: 'DiD = mean(b - a | referred) - mean(b - a | comparison); se = sqrt(s1^2/n1 + s2^2/n2); df Welch-Satterthwaite',
		settings: [],
		caveats: ['Only as good as the comparison cohort\'s likeness to the referred.']
	},
	{
		id: 'gp_monthly_rate',
		title: 'GP appointments per person by month around referral',
		measures: 'The average number of GP appointments per person in each month from 12 months before to 12 months after the referral month (the index month for the comparison cohort).',
		formula_words: 'For each month relative to the index month: appointments of the people whose GP record covers that month divided by the number of those people. A person referred twice counts once per referral. The pipeline keeps these totals per practice, cohort and financial year of the index date, so the period filter selects whole financial years and demographic, need and source filters cannot apply.',
		formula_maths: 'rate(m) = sum(appointments in month m) / #(people covered in month m), m = -12 ... 12',
		settings: [],
		caveats: ['People covered differ slightly from month to month, as GP extracts start and end at different times.', 'Shown without intervals: the monthly totals carry no person-level spread.']
	},
	{
		id: 'gp_groups',
		title: 'GP appointments avoided by PCN and by baseline use',
		measures: 'Appointments avoided per person for each PCN, and for frequent attenders and others, against the figure for everyone shown.',
		formula_words: `Difference-in-differences with a Welch interval within each group where the comparison cohort has anyone in it, otherwise the raw before/after fall with a t-interval, labelled as raw. Frequent attenders have at least ${DEFAULT_FREQUENT_ATTENDER_PER_6_MONTHS} appointments per 6 months of the window before the index month (rounded up: ${Math.ceil((DEFAULT_FREQUENT_ATTENDER_PER_6_MONTHS * 12) / 6)} for a 12-month window), applied alike to both cohorts. A group is higher or lower than the overall figure when its interval lies wholly above or below it, else similar.`,
		formula_maths: `frequent: before >= ceil(${DEFAULT_FREQUENT_ATTENDER_PER_6_MONTHS} W / 6); DiD_g = mean(b - a | referred, g) - mean(b - a | comparison, g)`,
		settings: [],
		caveats: ['Frequent attenders fall furthest in both cohorts: much of their fall is regression to the mean, which only the comparison removes.']
	},
	{
		id: 'gp_hours_cost',
		title: 'GP hours freed and their value (headline)',
		measures: 'The appointments avoided by the referred people, as GP hours and as money, under assumptions the reader can change.',
		formula_words: `Appointments avoided per person (difference-in-differences where a comparison cohort exists, else raw) times the referred people with GP records covering both windows; hours = appointments x minutes per appointment / 60; value = appointments x cost per appointment, at the stated price year. The interval is the per-person interval scaled the same way. Defaults: ${DEFAULT_MINUTES_PER_APPOINTMENT} minutes and GBP ${DEFAULT_UNIT_COST_GBP} at ${DEFAULT_PRICE_YEAR} prices (PSSRU); both can be changed on the GP time freed page.`,
		formula_maths: 'appointments = DiD x n_referred; hours = appointments x minutes / 60; value = appointments x unit cost',
		settings: [],
		caveats: ['Freed time is capacity for other patients, not a cash saving.', 'The cost is not inflated between price years: change the cost and the price year together.']
	},
	{
		id: 'funnel',
		title: 'Funnel plots',
		measures: 'Whether a unit differs from the pooled value more than chance would explain given its size.',
		formula_words: `Target = pooled value. Limits at ${pct(CONFIDENCE_95)} and ${pct(CONFIDENCE_998)}: proportions target +/- z sqrt(target(1 - target)/n); means target +/- z sigma/sqrt(n); standardised ratios exact Poisson as FunnelPlotR. Over-dispersion: z-scores Winsorised at ${pct(DEFAULT_TRIM)} each tail, phi = sum(z^2)/k; when phi > 1 limits widen by sqrt(phi).`,
		formula_maths: 'p0 +/- z sqrt(p0(1 - p0)/n); mu +/- z sigma / sqrt(n); chi2(0.025; 2E)/(2E), chi2(0.975; 2(E + 1))/(2E); phi = sum(z_w^2)/k',
		settings: [{ name: 'Winsorised share each tail', value: DEFAULT_TRIM, source: 'Spiegelhalter 2005; FunnelPlotR' }],
		caveats: []
	},
	{
		id: 'benchmark',
		title: 'Comparison with a benchmark',
		measures: 'Whether a unit is higher, lower or similar to a benchmark (better or worse where a measure has a direction).',
		formula_words: `Higher (lower) when the unit's ${pct(CONFIDENCE_95)} interval lies wholly above (below) the benchmark, else similar, as OHID Fingertips; not compared when it cannot be computed.`,
		formula_maths: 'lower > B: higher; upper < B: lower; else similar',
		settings: [],
		caveats: []
	},
	{
		id: 'programme',
		title: 'Programme measures and ambitions',
		measures: 'Contacts per link worker FTE and per 1,000 patients; progress against the NHS Long Term Plan ambitions pro-rated to the area.',
		formula_words: `Ambition share = area registered patients / ${NATIONAL_REGISTERED_PATIENTS.toLocaleString('en-GB')} (NHS Digital, Patients Registered at a GP Practice, ${NATIONAL_REGISTERED_PATIENTS_MONTH}); referrals ambition ${LTP_REFERRALS_PER_YEAR.toLocaleString('en-GB')} a year by ${LTP_REFERRALS_YEAR}; link workers ${LTP_LINK_WORKERS.toLocaleString('en-GB')} by ${LTP_LINK_WORKERS_YEAR}.`,
		formula_maths: 'area ambition = national ambition x area patients / national patients',
		settings: [{ name: 'national registered patients', value: NATIONAL_REGISTERED_PATIENTS, source: `NHS Digital, Patients Registered at a GP Practice, ${NATIONAL_REGISTERED_PATIENTS_MONTH}` }],
		caveats: ['Pro-rating by list size ignores differences in need (deprivation, age).', 'With people or referral filters, referrals are those matching the filters while the pro-rating uses all registered patients.']
	},
	{
		id: 'downloads',
		title: 'Published datasets (researcher downloads)',
		measures: 'The aggregated figures behind the charts, as CSV and Parquet files with a data dictionary, safe to share outside the NHS.',
		formula_words: `Long format as OHID Fingertips: one row per period, area, indicator (and group), with numerator, denominator, value, ${pct(CONFIDENCE_95)} and ${pct(CONFIDENCE_998)} limits, the comparison with the parent area and what was suppressed. Every count is disclosure-controlled; shares, rates and their limits are computed from the rounded counts; means and medians from the unrounded data, hidden whenever their base count is hidden; medians have no interval. Values and limits are rounded to 2 decimal places. No row is national: the data cover the ICBs delivered, so region rows sum only those ICBs and are disclosure-controlled like every other row.`,
		formula_maths: 'share = 100 x round5(x) / round5(n); rate = 1000 x round5(x) / patients; mean +/- t(n - 1) s / sqrt(n)',
		settings: [],
		caveats: ['A region row is not the whole NHS England region: only the ICBs in the data.', 'The latest period may be incomplete.']
	},
	{
		id: 'disclosure',
		title: 'Disclosure control',
		measures: 'Protection of small numbers in everything shown or downloaded below national level.',
		formula_words: `NHS Digital's rule: 0 stays 0; ${SUPPRESS_FROM}-${SUPPRESS_TO} suppressed; other counts rounded to the nearest ${ROUND_TO}; totals rounded from unrounded sums; percentages from rounded figures, and so are their intervals; a mean or median of ${SUPPRESS_FROM}-${SUPPRESS_TO} people suppressed. Secondary suppression: wherever a total and its parts would leave exactly one hidden cell, the next smallest part (or the total) is hidden too, repeated until none is left; across every table published together (areas within areas, quarters within years, months within quarters, groups within a total), a final check by linear algebra finds any hidden cell that a combination of totals still determines and hides one more cell beside it, until none is determined.`,
		formula_maths: `count in [${SUPPRESS_FROM}, ${SUPPRESS_TO}] -> hidden; else ${ROUND_TO} x round(count / ${ROUND_TO})`,
		settings: [],
		caveats: []
	},
	{
		id: 'data_quality',
		title: 'Data quality: latest month of data and completeness',
		measures: "How current each practice's data are, and how often the export's optional fields are recorded.",
		formula_words: `Latest month: per practice, the last calendar month with a referral, a link worker contact, a wellbeing score (baseline or follow-up), or a referred person whose GP records cover both windows; months behind = the latest such month over every practice of the ICB minus the practice's. Completeness: rows on which a field is recorded (not blank; ${notRecorded.join(', ')} count as not recorded) over the rows it applies to (every row; ${subsetBases.join('; ')}), from counts under disclosure control.`,
		formula_maths: 'behind = month(ICB latest) - month(practice latest); share = 100 x rounded(recorded) / rounded(base)',
		settings: [],
		caveats: [
			'Contacts and wellbeing follow-ups go on after a referral, so at a practice with few referrals their latest month can trail the ICB\'s without anything missing.',
			'Rows read, loaded and rejected per input file are shown exactly: they count lines in files, not people (see the Data quality page).'
		]
	},
	{
		id: 'practice_funnels',
		title: 'Comparing practices: funnel plots against the PCN or ICB',
		measures: "Whether a practice's referral rate, share meaningfully improved or GP appointments avoided per person differs from its PCN's or ICB's by more than chance would explain at its size.",
		formula_words: `The benchmark is the PCN's or ICB's pooled value from rounded totals: referrals over registered patients x 1,000 (annualised), people improved over people with pairs, or the mean of everyone covered. Limits at ${pct(CONFIDENCE_95)} and ${pct(CONFIDENCE_998)} around it at each practice's size: for the rate, exact Poisson limits of the referrals expected at the benchmark rate; for the share, benchmark +/- z sqrt(B(1 - B)/n); for appointments avoided, benchmark +/- z s/sqrt(n) with s the benchmark's standard deviation. Over-dispersion is estimated from the practices the benchmark pools (all of the ICB's, or the PCN's) as on the funnel plots entry; when phi > 1 the limits widen by sqrt(phi). A practice outside the ${pct(CONFIDENCE_998)} limit is higher or lower than the benchmark (${pct(CONFIDENCE_998)}); outside only the ${pct(CONFIDENCE_95)} limit, higher or lower (${pct(CONFIDENCE_95)}); otherwise similar. For appointments avoided, where the benchmark area has a comparison cohort of ${SUPPRESS_TO + 1} or more people, its fall per person is subtracted from every practice and from the benchmark (difference-in-differences against the area's comparison cohort).`,
		formula_maths: 'rate: E = B x patients x years / 1000, limits B chi2(0.025; 2E)/(2E), B chi2(0.975; 2(E + 1))/(2E); share: B +/- z sqrt(B(1 - B)/n); mean: B +/- z s / sqrt(n); widened: B + sqrt(phi)(limit - B)',
		settings: [{ name: 'Winsorised share each tail', value: DEFAULT_TRIM, source: 'Spiegelhalter 2005; FunnelPlotR' }],
		caveats: [
			`A practice with ${SUPPRESS_FROM}-${SUPPRESS_TO} in the numerator or denominator is not plotted, and secondary suppression hides another practice (or PCN) wherever a hidden one could be worked out from a total.`,
			'Points, limits and benchmarks come from counts rounded to the nearest 5, so a position can differ slightly from one computed on exact counts.',
			'Labels say higher or lower rather than better or worse: referral rates have no right level, and the other two depend on case mix as well as on the service.',
			'Subtracting the area comparison cohort removes the regression to the mean the area shares, not differences in it between practices.'
		]
	},
	{
		id: 'referral_pathway',
		title: 'Referral pathway and days to first contact',
		measures: 'How many referrals were accepted, had a first contact and were completed, and how long people waited for a first contact.',
		formula_words: `Accepted: status accepted, in progress or completed; first contact: a first contact date recorded; completed: status completed. Each is shown as a share of referrals, from rounded counts. Days to first contact = first contact date - referral date; the median and quartiles interpolate linearly between order statistics (R's type 7) and are not shown for ${SUPPRESS_FROM}-${SUPPRESS_TO} people; the distribution is counted in whole weeks, with 8 weeks or more pooled.`,
		formula_maths: 'share = rounded(count) / rounded(referrals); quantile(p) = x[floor(h)] + (h - floor(h))(x[floor(h) + 1] - x[floor(h)]), h = (n - 1)p',
		settings: [],
		caveats: ['A referral with no recorded status counts as referred but not accepted.']
	},
	{
		id: 'workforce',
		title: 'Link worker FTE and contacts per FTE',
		measures: 'Link worker full-time equivalents per PCN and month, and link worker contacts per FTE per month.',
		formula_words: 'FTE as the PCN reported it for each month. Contacts per FTE per month = rounded contacts in the period / the sum of the monthly FTE over the period (months without a workforce record count as no FTE). Link workers are employed by the PCN and serve all its patients, so practice and demographic filters do not apply to either figure.',
		formula_maths: 'contacts per FTE per month = rounded(contacts) / sum over months(FTE)',
		settings: [],
		caveats: ['Contacts are counted by the month they took place, whoever was referred when.']
	}
];

/** Look up a metric definition by id; throws for an unknown id. */
export function metricDefinition(id: string): MetricDefinition {
	const d = METRIC_DEFINITIONS.find((m) => m.id === id);
	if (!d) throw new RangeError(`no metric definition ${id}`);
	return d;
}
