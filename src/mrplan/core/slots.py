"""Slots: places on a lower app's page where a higher app shows a block of its own.

A template may only load the tag libraries of its own app and the apps below it (the app
graph in docs/architecture.md; `tests/test_app_graph_templates.py` checks it). So a planning
page does not load knowledge's or public's tags: it names a slot, `{% slot "planning.goal"
goal %}` (library `mrplan`), and the higher app registers its block for that slot in its
`AppConfig.ready`, as it connects to a lower app's signals:

    slots.register("planning.goal", slots.inclusion("knowledge/evidence_block.html", data))

A slot nobody filled renders nothing. The blocks run in the order they were registered.
"""

from collections import defaultdict
from collections.abc import Callable
from typing import Any

from django.template import Context
from django.utils.html import format_html_join
from django.utils.safestring import SafeString

Block = Callable[[Context, Any], str]
BlockData = Callable[[Context, Any], dict[str, Any]]

# slot -> {the block's name: block}; registering a block again replaces it.
_blocks: defaultdict[str, dict[str, Block]] = defaultdict(dict)


def register(slot: str, block: Block) -> None:
    """Show BLOCK (called with the page's context and the slot's object) in SLOT."""
    _blocks[slot][f"{block.__module__}.{block.__qualname__}"] = block


def render(slot: str, context: Context, obj: Any) -> SafeString:
    """Return the HTML of every block registered for SLOT, escaped unless already safe."""
    blocks = _blocks[slot].values()
    return format_html_join("", "{}", ((block(context, obj),) for block in blocks))


def inclusion(template_name: str, data: BlockData) -> Block:
    """A block that renders TEMPLATE_NAME with DATA(context, obj), as an inclusion tag does.

    DATA may be the function of an existing `inclusion_tag(takes_context=True)`, so a block
    and a tag share one implementation.
    """

    def block(context: Context, obj: Any) -> str:
        values = data(context, obj)
        csrf_token = context.get("csrf_token")
        if csrf_token is not None:
            values.setdefault("csrf_token", csrf_token)
        assert context.template is not None
        template = context.template.engine.get_template(template_name)
        return template.render(context.new(values))

    block.__module__ = data.__module__
    block.__qualname__ = f"{data.__qualname__}:{template_name}"
    return block
