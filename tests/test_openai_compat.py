"""The real `openai` client against a fake OpenAI-compatible server over real HTTP."""

import logging

import pytest

from flowpilot.errors import ProviderError
from flowpilot.providers import build_provider
from flowpilot.providers.openai_compat import OpenAICompatProvider
from tests.conftest import refused_url

MESSAGES = [{"role": "system", "content": "be brief"}, {"role": "user", "content": "MX ok"}]
KEY = "sk-live-VERY-SECRET-987"


@pytest.fixture
def provider(fake_llm):
    fake_llm.reset()
    return OpenAICompatProvider(fake_llm.url, KEY, "fake-model", timeout=1.0)


def test_streams_chunks_and_sends_model_key_and_messages(provider, fake_llm):
    assert list(provider.stream_chat(MESSAGES)) == fake_llm.chunks
    request = fake_llm.requests[-1]
    assert request["model"] == "fake-model" and request["stream"] is True
    assert request["messages"] == MESSAGES
    assert fake_llm.headers[-1]["authorization"] == f"Bearer {KEY}"


@pytest.mark.parametrize(
    "mode, expected",
    [
        ("500", "The AI provider had a server error; try again in a moment."),
        ("429", "The AI provider is rate-limiting requests; wait a minute and try again."),
        ("401", "The AI provider refused the API key; check FLOWPILOT_LLM_API_KEY."),
        ("404", "The AI provider does not know the model 'fake-model'; check FLOWPILOT_LLM_MODEL."),
        ("slow", "The AI model did not answer within 1 seconds; try again."),
        ("cut", "The AI model's answer was cut off before it finished; try again."),
        ("empty", "The AI model returned an empty answer; try again."),
    ],
)
def test_failures_become_one_clear_sentence(provider, fake_llm, mode, expected, caplog):
    fake_llm.mode = mode
    fake_llm.delay = 2.0
    caplog.set_level(logging.DEBUG)
    with pytest.raises(ProviderError) as info:
        list(provider.stream_chat(MESSAGES))
    assert str(info.value) == expected
    assert len(fake_llm.requests) == 1  # no hidden retries
    assert KEY not in caplog.text


def test_connection_refused_names_the_host_not_the_secret():
    url = refused_url().replace("http://", "http://user:pw@")
    provider = OpenAICompatProvider(url, KEY, "m", timeout=1.0)
    with pytest.raises(ProviderError) as info:
        list(provider.stream_chat(MESSAGES))
    message = str(info.value)
    assert message.startswith("Could not reach the AI model at http://127.0.0.1:")
    assert "FLOWPILOT_LLM_BASE_URL" in message and "pw" not in message and KEY not in message


def test_build_provider_only_when_base_url_set(fake_llm):
    assert build_provider({"LLM_BASE_URL": None}) is None
    built = build_provider({"LLM_BASE_URL": fake_llm.url, "LLM_API_KEY": None, "LLM_MODEL": "llama3", "LLM_TIMEOUT": 9})
    assert built.model == "llama3" and built.timeout == 9.0
