"""The error the statement parser raises for input that is not a tjänsteutlåtande."""


class NotAStatement(ValueError):
    """The file or text is not a readable tjänsteutlåtande; the message is Swedish."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
