"""The few protocol buffers of Anki's schema that its current packages use, read with protobuf.

Declared here with the field numbers of Anki's own schema (unknown fields are skipped, so
newer versions still read): a note type's kind, a template's formats, a package's version and
its list of media files. The protobuf library is loaded with the first package read.
"""

from __future__ import annotations

from functools import cache
from typing import Any

PACKAGE = "studyplanner.anki"
# Each message's fields: name, number, type (protobuf's FieldDescriptorProto types), repeated.
INT32, STRING, BYTES, UINT32, MESSAGE = 5, 9, 12, 13, 11
MESSAGES: dict[str, tuple[tuple[str, int, int, bool], ...]] = {
    "NotetypeConfig": (("kind", 1, INT32, False),),
    "TemplateConfig": (("q_format", 1, STRING, False), ("a_format", 2, STRING, False)),
    "PackageMetadata": (("version", 1, INT32, False),),
    "MediaEntry": (("name", 1, STRING, False), ("size", 2, UINT32, False)),
    "MediaEntries": (("entries", 1, MESSAGE, True),),
}
ENTRY_TYPE = {"MediaEntries": "MediaEntry"}  # the message a message field holds


def parsed(message: str, blob: object) -> Any | None:
    """The ``message`` in ``blob``, or None where ``blob`` is not one."""
    from google.protobuf.message import DecodeError

    if not isinstance(blob, bytes):
        return None
    try:
        return _classes()[message].FromString(blob)
    except (DecodeError, RecursionError, ValueError):
        return None


@cache
def _classes() -> dict[str, Any]:
    from google.protobuf import descriptor_pb2, descriptor_pool, message_factory

    field = descriptor_pb2.FieldDescriptorProto
    file = descriptor_pb2.FileDescriptorProto(
        name="studyplanner_anki.proto", package=PACKAGE, syntax="proto3"
    )
    for name, fields in MESSAGES.items():
        message = file.message_type.add(name=name)
        for field_name, number, kind, repeated in fields:
            added = message.field.add(
                name=field_name,
                number=number,
                type=kind,
                label=field.LABEL_REPEATED if repeated else field.LABEL_OPTIONAL,
            )
            if kind == MESSAGE:
                added.type_name = f".{PACKAGE}.{ENTRY_TYPE[name]}"
    pool = descriptor_pool.DescriptorPool()
    pool.Add(file)
    return {
        name: message_factory.GetMessageClass(pool.FindMessageTypeByName(f"{PACKAGE}.{name}"))
        for name in MESSAGES
    }
