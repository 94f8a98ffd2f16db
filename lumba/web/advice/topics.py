"""The advice's topics in reading order, with the names people read: the
library lists them, and a search finds a card by its topic's name too."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# The topics in reading order, with the names people read.
TOPIC_NAMES: dict[str, Promise] = {
    "posture": _("Posture, sitting and standing"),
    "sleep": _("Sleep and rest"),
    "lifting": _("Lifting and carrying"),
    "pacing": _("Pacing yourself"),
    "exercise": _("Exercise"),
    "water_exercise": _("Exercise in water"),
    "pelvic_belt": _("Pelvic support belts"),
    "heat_cold": _("Heat and cold"),
    "massage": _("Massage and essential oils"),
    "physiotherapy": _("Physiotherapy"),
    "acupuncture": _("Acupuncture"),
    "pain_relief": _("Pain relief and medicines"),
    "calcium": _("Calcium, vitamin D and food"),
    "footwear": _("Shoes"),
    "work": _("Work"),
    "emotional_support": _("Your feelings and getting support"),
    "warning_signs": _("Warning signs: when to get help"),
}
