from django.core.mail import send_mail


def test_mail_goes_through_a_real_smtp_session(smtp_server):
    send_mail("Tere", "Sisu", "sild@example.org", ["info@narva.example"])

    assert len(smtp_server.messages) == 1
    delivered = smtp_server.messages[0]
    assert delivered["to"] == ["info@narva.example"]
    assert delivered["message"]["Subject"] == "Tere"
