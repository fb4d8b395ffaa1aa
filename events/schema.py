"""schema.org ``Event`` of an event page (https://schema.org/Event, Google's event rich
results), rendered as JSON-LD by the ``json_ld`` tag."""

from django.utils import timezone

from .models import Attendance

SCHEMA = "https://schema.org/"
ATTENDANCE_MODES = {
    Attendance.IN_PERSON: SCHEMA + "OfflineEventAttendanceMode",
    Attendance.ONLINE: SCHEMA + "OnlineEventAttendanceMode",
    Attendance.MIXED: SCHEMA + "MixedEventAttendanceMode",
}


def _iso(moment):
    return timezone.localtime(moment).replace(microsecond=0).isoformat()


def event_structured_data(page, request):
    url = page.get_full_url(request)
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": page.title,
        "url": url,
        "eventStatus": SCHEMA + "EventScheduled",
        "eventAttendanceMode": ATTENDANCE_MODES.get(page.attendance),
        "inLanguage": [code for code in page.languages if code != "other"],
        "isAccessibleForFree": page.is_free,
    }
    if page.introduction:
        data["description"] = page.introduction
    if page.starts_at:
        data["startDate"] = _iso(page.starts_at)
    if page.ends_at:
        data["endDate"] = _iso(page.ends_at)
    locations = []
    if page.in_person:
        address = {"@type": "PostalAddress", "addressCountry": "EE"}
        if page.address:
            address["streetAddress"] = page.address
        if page.town:
            address["addressLocality"] = page.town
        if page.county:
            address["addressRegion"] = str(page.county_label)
        locations.append({"@type": "Place", "name": page.town or page.address, "address": address})
    if page.online:
        locations.append({"@type": "VirtualLocation", "url": page.online_url or url})
    data["location"] = locations[0] if len(locations) == 1 else locations
    organiser = page.organiser
    if organiser:
        data["organizer"] = {"@type": "Organization", "name": organiser}
        profile = page.organiser_profile
        if profile is not None:
            data["organizer"]["url"] = profile.get_full_url(request)
    offer = {"@type": "Offer", "url": page.registration_url or url}
    if page.is_free:
        offer.update({"price": "0", "priceCurrency": "EUR"})
    elif page.cost:
        offer["description"] = page.cost
    if page.registration_deadline:
        offer["validThrough"] = _iso(page.registration_deadline)
    data["offers"] = offer
    return data
