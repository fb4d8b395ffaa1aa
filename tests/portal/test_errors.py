import pytest
from django.test import RequestFactory
from django.utils import translation

from portal.views import server_error

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("/ru/no-such-page/", "Страница не найдена"),
        ("/et/no-such-page/", "Lehte ei leitud"),
        ("/en/no-such-page/", "Page not found"),
    ],
)
def test_404_is_translated_and_uses_the_site_layout(client, site_tree, path, text):
    response = client.get(path)

    assert response.status_code == 404
    content = response.content.decode()
    assert text in content
    assert f'<html lang="{path[1:3]}">' in content
    assert 'class="skip-link"' in content


@pytest.mark.parametrize(
    ("language", "text"),
    [("ru", "Что-то пошло не так"), ("et", "Midagi läks valesti"), ("en", "Something went wrong")],
)
def test_500_is_translated_and_standalone(language, text):
    request = RequestFactory().get(f"/{language}/")
    with translation.override(language):
        response = server_error(request)

    assert response.status_code == 500
    content = response.content.decode()
    assert text in content
    assert f'<html lang="{language}">' in content
    assert "/static/" not in content
