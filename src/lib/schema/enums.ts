/** Enumerations of the Signpost export format, version 1 (`shared/spec/export-format.md`). */

/** Who referred the person to the link worker. */
export const REFERRAL_SOURCES = [
	'gp',
	'nurse_or_ahp',
	'other_primary_care',
	'secondary_care',
	'self',
	'vcse',
	'local_authority',
	'other'
] as const;

/** Needs recorded at referral; a referral may carry several. */
export const NEEDS = [
	'loneliness_isolation',
	'mental_wellbeing',
	'long_term_condition',
	'physical_activity',
	'healthy_weight',
	'smoking',
	'alcohol_drugs',
	'money_debt',
	'housing',
	'employment_education',
	'bereavement',
	'carer_support',
	'relationships',
	'other'
] as const;

/** Age bands at referral. */
export const AGE_BANDS = ['0-17', '18-24', '25-34', '35-44', '45-54', '55-64', '65-74', '75-84', '85+'] as const;

/** Sex as recorded. */
export const SEXES = ['female', 'male', 'other', 'not_known'] as const;

/** ONS 2021 top-level ethnic group. */
export const ETHNIC_GROUPS = ['white', 'mixed', 'asian', 'black', 'other', 'not_stated'] as const;

/** Referral status in the case management system. */
export const REFERRAL_STATUSES = [
	'accepted',
	'declined',
	'did_not_attend',
	'in_progress',
	'completed',
	'closed_other'
] as const;

/**
 * Statuses that mean the person took up the service. A referral is "accepted" when the link
 * worker engaged the person, whatever happened later, so in-progress and completed count too.
 */
export const ACCEPTED_STATUSES = ['accepted', 'in_progress', 'completed'] as const;

/** How a link worker contact took place. */
export const CONTACT_MODES = ['face_to_face', 'telephone', 'video', 'home_visit', 'group', 'other'] as const;

/** Assessment timepoints for wellbeing scores. */
export const TIMEPOINTS = ['baseline', 'review', 'follow_up'] as const;

/** Community activities and services people are signposted to. */
export const ACTIVITIES = [
	'arts_creativity',
	'dance_movement',
	'physical_activity',
	'nature_gardening',
	'heritage_history',
	'befriending_social_groups',
	'advice_money_debt',
	'housing_support',
	'mental_health_support',
	'learning_employment',
	'carers_support',
	'other'
] as const;

/** Who provides a signposted activity. */
export const PROVIDER_TYPES = ['vcse', 'statutory', 'private', 'other'] as const;

/** Whether the person attended a signposted activity. */
export const ATTENDED = ['yes', 'no', 'unknown'] as const;

/** Index of Multiple Deprivation deciles, 1 = most deprived. */
export const IMD_DECILES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;
