-- "What do you need?": each clinic's guided path to an appointment type, as data. A guide is a
-- small graph of steps (a prompt and its choices, labels in English and Spanish), each choice
-- leading to another step or to an appointment type (and modality). The directory validates it
-- (reachable, acyclic, every leaf an active type of the clinic) before storing it here whole.
create table visit_guides (
  organization_id uuid primary key references organizations (id),
  guide jsonb not null,
  version int not null default 1,
  updated_at timestamptz not null default now()
);
