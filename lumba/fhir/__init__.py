"""FHIR R4 for lumba: the check as a Questionnaire, a finished check as a
QuestionnaireResponse, and the triage as an Observation and a RiskAssessment.

Pure mapping: plain dicts in and out, no Django and no IO, so that the web
(lumba.web.fhir) and the command line (`lumba fhir`) give the same answers.
Every resource made here is checked in the tests with the R4B models of
fhir.resources (lumba.fhir.validation); R4B keeps these resources R4-compatible.
"""
