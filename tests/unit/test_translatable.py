"""A need's words as a message of its page's catalog (model.translatable)."""

from __future__ import annotations

from soplib.model.translatable import sop_message


def test_a_message_takes_the_translation_of_its_own_words_only():
    message = sop_message(original="Greet the caller.", need="STEP_T_GREET", field="title")
    assert message.extract_original_messages() == ["Greet the caller."]
    message.apply_translated_message("Answer the call.", "Vegye fel a hívást.")
    assert "translation" not in message
    message.apply_translated_message("Greet the caller.", "Köszöntse a hívót.")
    assert message["translation"] == "Köszöntse a hívót."
    message.preserve_original_messages()
    assert message["original"] == "Greet the caller."
