"""Fields that number an item of a list in the same record (1 = first): the merge driver and the
history's replay follow them to the item, so an item added on another branch cannot shift them."""

POINTERS = {"approved_proposal": "proposals"}
