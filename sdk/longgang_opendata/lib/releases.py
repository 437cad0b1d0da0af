"""``client.releases``: the releases, what each changed, and their feed, in one place.

Called, it is the generated ``releases()`` operation as it always was
(``client.releases().items``); ``client.releases.changes("1.2.0")`` is the
change list of a release (the generated ``release_changes``, which stays) and
``client.releases.feed()`` the Atom feed's bytes (``releases_feed``). Each
method delegates to the generated operation of the same document, so a change
to those operations reaches these with the next ``make sdk``.
"""

from __future__ import annotations

from longgang_opendata._base_client import AsyncAPIClient, SyncAPIClient
from longgang_opendata._resources import AsyncOperations, SyncOperations
from longgang_opendata.types import ChangeList, ReleaseList

__all__ = ["AsyncReleases", "Releases"]


class _Operations(SyncOperations):
    def __init__(self, client: SyncAPIClient) -> None:
        self._client = client


class _AsyncOperations(AsyncOperations):
    def __init__(self, client: AsyncAPIClient) -> None:
        self._client = client


class Releases:
    """Every release: called, the list (operationId: getReleases); ``changes(version)``, what
    one changed (getReleaseChanges); ``feed()``, the Atom feed (getReleasesFeed)."""

    def __init__(self, client: SyncAPIClient) -> None:
        # The client's own attribute shadows the generated method: these call it here.
        self._operations = _Operations(client)

    def __call__(self) -> ReleaseList:
        """Every released version of the dataset, newest first, with its sha256."""
        return self._operations.releases()

    def changes(self, version: str) -> ChangeList:
        """What release ``version`` changed: ids added, removed, renamed, values changed.

        The first release has none: asking for it raises ``NotFoundError``.
        """
        return self._operations.release_changes(version)

    def feed(self) -> bytes:
        """The Atom 1.0 feed of every release, newest first, as served."""
        return self._operations.releases_feed()


class AsyncReleases:
    """Every release (async): called, the list (operationId: getReleases); ``changes(version)``,
    what one changed (getReleaseChanges); ``feed()``, the Atom feed (getReleasesFeed)."""

    def __init__(self, client: AsyncAPIClient) -> None:
        self._operations = _AsyncOperations(client)

    async def __call__(self) -> ReleaseList:
        """Every released version of the dataset, newest first, with its sha256."""
        return await self._operations.releases()

    async def changes(self, version: str) -> ChangeList:
        """What release ``version`` changed: ids added, removed, renamed, values changed.

        The first release has none: asking for it raises ``NotFoundError``.
        """
        return await self._operations.release_changes(version)

    async def feed(self) -> bytes:
        """The Atom 1.0 feed of every release, newest first, as served."""
        return await self._operations.releases_feed()
