"""lumba's FHIR R4 endpoints at /fhir/ (the mapping itself is lumba.fhir)."""
