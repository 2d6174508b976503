/** The captcha token the mock captcha hands out and the mock backend accepts. */
export const MOCK_CAPTCHA_TOKEN = 'mock-captcha-pass';
