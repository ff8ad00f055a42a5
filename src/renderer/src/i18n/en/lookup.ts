/** English messages: the lookup screen; the same keys as the French ones (the compiler checks). */
import type { Messages } from '../fr';

export const lookup: Messages['lookup'] = {
  heading: 'Find a person',
  placeholder: 'Login, name, student number, INE, staff number, e-mail…',
  empty: 'No result.',
  help: 'Type at least 2 characters; ↑ ↓ to choose, Enter to open.',
  searching: 'Searching…',
  offline: 'Lookup unavailable: the directory is unreachable.',
  searchedBy_one: 'Search by {{key}}: {{count}} result',
  searchedBy_other: 'Search by {{key}}: {{count}} results',
  truncated: 'More than {{count}} results: refine your search.',
  keyLabel: 'Search by',
  resultsLabel: 'Results',
  keys: {
    auto: 'Automatic',
    login: 'Login',
    alias: 'Alias',
    studentId: 'Student number',
    ine: 'INE',
    staffId: 'Staff number',
    uniqueId: 'Unique id',
    mail: 'E-mail',
    name: 'Name',
  },
  resolved: {
    login: 'login',
    alias: 'alias',
    loginOrAlias: 'login or alias',
    studentId: 'student number',
    ine: 'INE',
    staffId: 'staff number',
    uniqueId: 'unique id',
    mail: 'e-mail',
    name: 'name',
  },
  columns: { name: 'Name', login: 'Login', affiliation: 'Affiliation', state: 'Account state', number: 'Student / staff number' },
};
