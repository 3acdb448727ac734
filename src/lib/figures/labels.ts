/** Words for the export format's enumeration codes on screen. */
import { valueLabel } from '../filters/filters.js';

/** What a null category means everywhere: the field was left empty. */
export const NOT_RECORDED = 'Not recorded';

const NEED_LABELS: Record<string, string> = {
	loneliness_isolation: 'Loneliness and isolation',
	mental_wellbeing: 'Mental wellbeing',
	long_term_condition: 'Long-term condition',
	physical_activity: 'Physical activity',
	healthy_weight: 'Healthy weight',
	smoking: 'Smoking',
	alcohol_drugs: 'Alcohol and drugs',
	money_debt: 'Money and debt',
	housing: 'Housing',
	employment_education: 'Employment and education',
	bereavement: 'Bereavement',
	carer_support: 'Carer support',
	relationships: 'Relationships',
	other: 'Other need'
};

const ACTIVITY_LABELS: Record<string, string> = {
	arts_creativity: 'Arts and creativity',
	dance_movement: 'Dance and movement',
	physical_activity: 'Physical activity',
	nature_gardening: 'Nature and gardening',
	heritage_history: 'Heritage and history',
	befriending_social_groups: 'Befriending and social groups',
	advice_money_debt: 'Advice, money and debt',
	housing_support: 'Housing support',
	mental_health_support: 'Mental health support',
	learning_employment: 'Learning and employment',
	carers_support: "Carers' support",
	other: 'Other activity'
};

const PROVIDER_LABELS: Record<string, string> = { vcse: 'VCSE', statutory: 'Statutory', private: 'Private', other: 'Other provider' };

/** Kinds of category the pages label. */
export type CategoryKind = 'src' | 'need' | 'age' | 'sex' | 'eth' | 'imd' | 'activity' | 'provider_type';

/** Display label of a category value; null is "Not recorded". */
export function categoryLabel(kind: CategoryKind, value: string | null): string {
	if (value === null) return NOT_RECORDED;
	if (kind === 'need') return NEED_LABELS[value] ?? value;
	if (kind === 'activity') return ACTIVITY_LABELS[value] ?? value;
	if (kind === 'provider_type') return PROVIDER_LABELS[value] ?? value;
	if (kind === 'imd') return `Quintile ${valueLabel('imd', Number(value))}`;
	if (kind === 'src' && value === 'other') return 'Other source';
	if (kind === 'eth' && value === 'other') return 'Other ethnic group';
	const text = valueLabel(kind, value);
	return text.charAt(0).toUpperCase() + text.slice(1);
}
