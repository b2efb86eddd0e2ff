from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sinergi.accounts.models import User
from sinergi.accounts.services import api_token_create


class Command(BaseCommand):
    help = "Creates an API bearer token for a user; the key is printed once."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("name", help="What the token is for, e.g. 'SP2HP Polda Kaltim'")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"], is_active=True).first()
        if user is None:
            raise CommandError(f"No active user {options['username']!r}.")
        token, key = api_token_create(user=user, name=options["name"][:80])
        self.stdout.write(f"Token {token.name!r} for {user.username}: {key}")
        self.stdout.write("Keep it now: only its hash is stored.")
