"""CDS Hooks 2.0 for lumba: one `patient-view` service that shows a record
system's clinician lumba's triage of the patient's own answers.

Pure, like the rest of lumba.fhir: plain dicts in and out, no Django and no
IO. lumba.web.cds_hooks serves it at /cds-services; docs/fhir.md is the
page for record-system developers.

- discovery: the services document (GET /cds-services).
- request: the call's envelope, checked (a malformed one is refused, 400).
- prefetch: resources pulled from whatever the record system prefetched.
- cards: the card made from the most recent lumba QuestionnaireResponse.
"""
