export { Accounts, sameSecret, type Role, type Session, type User } from './accounts.js';
export { Collections, PersonalSpaceError, plainText, type Collection, type CollectionItem, type Visibility } from './collections.js';
export { SavedSearches, alertFrequencies, type AlertFrequency, type SavedSearch } from './saved-searches.js';
export { Questions, questionLimits, type Question } from './questions.js';
export { AlertScheduler, UnsubscribeLinks, periodOf, serviceSecret, type FindNew } from './alert-scheduler.js';
export { smtpMailer, type Mail, type Mailer } from './mailer.js';
export { OrcidSignIn, identityOf, type OrcidSettings } from './orcid-sign-in.js';
export { PersonalSpace } from './personal-space.js';
