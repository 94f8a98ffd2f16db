"""CDS Hooks 2.0 at /cds-services: lumba.fhir.cds_hooks served over HTTP."""
