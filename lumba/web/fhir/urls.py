from django.urls import path, re_path

from lumba.fhir.canonical import CODE_SYSTEM_ID, LEVEL_SYSTEM_ID, QUESTIONNAIRE_ID
from lumba.web.fhir import views

urlpatterns = [
    path(f"Questionnaire/{QUESTIONNAIRE_ID}", views.questionnaire, name="fhir-questionnaire"),
    path(f"CodeSystem/{CODE_SYSTEM_ID}", views.code_system, name="fhir-code-system"),
    path(f"CodeSystem/{LEVEL_SYSTEM_ID}", views.level_code_system, name="fhir-level-code-system"),
    path("QuestionnaireResponse/$triage", views.triage, name="fhir-triage"),
    path("diary/Bundle", views.diary, name="fhir-diary"),
    # Anything else under /fhir/ answers as FHIR does, not with an HTML page.
    re_path(r"^.*$", views.not_found),
]
