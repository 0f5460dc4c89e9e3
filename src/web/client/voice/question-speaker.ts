import type { Capabilities } from '../../../contracts/voice-schemas.js';
import { api } from '../api.js';
import { h, uniqueId } from '../dom.js';

const PREFERENCE_KEY = 'interview-coach.speak-questions';

function preference(): boolean {
  try {
    return localStorage.getItem(PREFERENCE_KEY) === 'on';
  } catch {
    return false;
  }
}

function remember(on: boolean): void {
  try {
    localStorage.setItem(PREFERENCE_KEY, on ? 'on' : 'off');
  } catch {
    // Storage disabled: the toggle still works for this page.
  }
}

export interface QuestionSpeaker {
  /** The "Read questions aloud" switch. */
  element: HTMLElement;
  /** Speaks a question if the switch is on (the server's voice when configured, else the browser's). */
  speak(text: string, turnId: string): void;
  /** Stops speaking and forgets the question (it closed): turning the switch on reads nothing. */
  stop(): void;
}

/**
 * Spoken questions: off by default, remembered per browser. The browser's own speechSynthesis works offline
 * with no server; when the server has a text-to-speech model (TTS_BASE_URL, TTS_MODEL) its voice is used,
 * falling back to the browser's if that fails.
 */
export function questionSpeaker(capabilities: Capabilities): QuestionSpeaker | null {
  const browserVoice = capabilities.spokenQuestions.browser && typeof speechSynthesis !== 'undefined' && typeof SpeechSynthesisUtterance !== 'undefined';
  const serverVoice = capabilities.spokenQuestions.server;
  if (!browserVoice && !serverVoice) return null;

  let on = preference();
  let player: HTMLAudioElement | null = null;
  let playing: string | null = null;
  let last: { text: string; turnId: string } | null = null;

  const id = uniqueId('speak');
  const checkbox = h('input', { attrs: { id, type: 'checkbox', role: 'switch' } });
  checkbox.checked = on;
  const element = h('div', { class: 'speak-toggle' }, checkbox, h('label', { attrs: { for: id } }, 'Read questions aloud'));

  function silence(): void {
    playing = null;
    if (player) {
      player.pause();
      URL.revokeObjectURL(player.src);
      player = null;
    }
    if (browserVoice) speechSynthesis.cancel();
  }

  function speakInBrowser(text: string): void {
    if (!browserVoice) return;
    speechSynthesis.cancel();
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.lang = 'en-US';
    speechSynthesis.speak(utterance);
  }

  async function speakOnServer(text: string, turnId: string): Promise<void> {
    playing = turnId;
    try {
      const blob = await api.speech(turnId);
      if (playing !== turnId) return;
      player = new Audio(URL.createObjectURL(blob));
      await player.play();
    } catch {
      if (playing === turnId) speakInBrowser(text);
    }
  }

  function speak(text: string, turnId: string): void {
    last = { text, turnId };
    if (!on) return;
    silence();
    if (serverVoice) void speakOnServer(text, turnId);
    else speakInBrowser(text);
  }

  checkbox.addEventListener('change', () => {
    on = checkbox.checked;
    remember(on);
    if (!on) silence();
    else if (last) speak(last.text, last.turnId);
  });

  return {
    element,
    speak,
    stop() {
      last = null;
      silence();
    },
  };
}
