-- How many patient searches and look-ups each staff account has made in the current window, so
-- that nobody can walk the patient list by trying birth dates and three letters at a time
-- (patients.search-budget.ts). One row per account: the window it counts and its count.

create table patient_search_budget (
  organization_id uuid not null references organizations (id),
  account_id text not null,
  window_start timestamptz not null,
  searches integer not null check (searches > 0),
  primary key (organization_id, account_id)
);
