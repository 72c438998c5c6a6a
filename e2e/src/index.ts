export { REPO_ROOT, startApp, usesServerDatabase } from './app';
export type { RunningApp, StartAppOptions } from './app';
export {
  ARTIFACTS_DIR,
  CHROMIUM_PATH,
  launchBrowser,
  newPage,
  screenshot,
  withScreenshotOnFailure,
} from './browser';
export { waitForText } from './page';
export { DEMO_ORGANISER, randomDigits, residentId, residentIdCheckCharacter } from './people';
