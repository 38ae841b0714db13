// electron-builder beforePack hook: build better-sqlite3 for the Electron version and
// architecture being packaged, at packaging time only (npmRebuild is false).
//
// The rebuild happens in a scratch copy (build/rebuild-native.mjs), so node_modules
// keeps its Node-ABI binary and `npm test` still works after `npm run dist`. The result
// goes to build/native/pack/<arch>/, which electron-builder.yml ships as the
// extraResource `native/better_sqlite3.node`; electron/native-binding.ts loads it from
// process.resourcesPath and checks its build-info.json stamp first.
const path = require('node:path');
const { pathToFileURL } = require('node:url');

const ARCH_NAMES = ['ia32', 'x64', 'armv7l', 'arm64', 'universal']; // builder-util's Arch enum order

exports.default = async function beforePack(context) {
  const arch = ARCH_NAMES[context.arch];
  if (!arch) throw new Error(`before-pack: unknown architecture ${context.arch}`);
  if (arch === 'universal') {
    // A universal macOS app is merged from the x64 and arm64 builds, each of which ran this hook.
    return;
  }
  const electronVersion = context.packager.info.framework.version;
  const { rebuildForElectron } = await import(pathToFileURL(path.join(__dirname, 'rebuild-native.mjs')).href);
  const outDir = path.join(__dirname, 'native', 'pack', arch);
  console.log(`  • before-pack: better-sqlite3 for Electron ${electronVersion} ${context.electronPlatformName}-${arch}`);
  await rebuildForElectron({ electronVersion, arch, platform: context.electronPlatformName, outDir, log: (m) => console.log(`    ${m}`) });
};
