// Quiets async-validator's console warnings (it logs every failed rule) during tests.
globalThis.ASYNC_VALIDATOR_NO_WARNING = 1
