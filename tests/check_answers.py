"""Answers to the check, step by step, as a browser form would send them.

Shared by the test-client tests (lumba/web/*/tests) and the browser tests
(tests/browser), so both walk the same journeys.
"""

# The sign checklists answered "None of these" (a checklist needs an answer).
NO_SIGNS = {
    "emergency-signs": {"emergency_signs": ["none"]},
    "body-signs": {"body_signs": ["none"]},
    "leg-signs": {"leg_signs": ["none"]},
}
# The pregnancy step asks the weeks with the pregnancy's own signs.
NO_PREGNANCY_SIGNS = {"pregnancy_signs": ["none"], "movements": ["none"]}
# Where the person is: asked once, before the first step.
REGION = {"region": {"region": "GB"}}
SELF_CARE = {
    **REGION,
    **NO_SIGNS,
    "pregnancy": {"gestational_weeks": "30", **NO_PREGNANCY_SIGNS},
    "pain-where": {"locations": ["lower_back"], "intensity": "3"},
    "pain-how": {
        "onset": "gradual",
        "pattern": "comes_and_goes",
        "duration_days": "4_7_days",
        "eased_by_rest": "yes",
        "wakes_at_night": "no",
    },
    "daily-life": {"worse_with": ["standing"], "daily_life_impact": "none"},
    "pregnancy-history": {},
    "health": {},
}
EMERGENCY = {
    **REGION,
    "emergency-signs": {"emergency_signs": ["saddle_numbness"]},
}


def walk_check(client, answers, region="GB", headers=None) -> None:
    """Answer the check through Django's test client as a form would, from
    the region to the last step (answers by step id; a step not named is
    sent empty), each step answered with a redirect onwards."""
    headers = headers or {}
    client.post("/region/", {"region": region, "next": "/"}, headers=headers)
    location = "/check/emergency-signs/"
    while location.startswith("/check/") and location not in ("/check/answers/", "/check/result/"):
        step = location.strip("/").split("/")[1]
        response = client.post(location, answers.get(step, {}), headers=headers)
        assert response.status_code == 302, response.content.decode()[:2000]
        location = response["Location"]


def result_page(client, answers, region="GB", headers=None) -> str:
    """The result page of a check walked with walk_check."""
    walk_check(client, answers, region, headers)
    response = client.get("/check/result/", headers=headers or {})
    assert response.status_code == 200
    return response.content.decode()
