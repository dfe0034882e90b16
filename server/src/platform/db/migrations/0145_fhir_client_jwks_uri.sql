-- SMART Backend Services clients may register a JWKS URL instead of an inline JWKS: exactly one
-- of the two. The keys behind the URL are fetched when a token is asked for (and cached briefly).

alter table fhir_clients alter column jwks drop not null;
alter table fhir_clients add column jwks_uri text check (length(jwks_uri) between 1 and 2000);
alter table fhir_clients add constraint fhir_clients_one_key_source
  check ((jwks is null) <> (jwks_uri is null));
