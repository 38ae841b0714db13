// electron-builder afterPack hook: flip Electron's fuses in the packaged binary. It runs
// before code signing, which is required: flipping fuses changes the binary.
//
//   RunAsNode                              off  ELECTRON_RUN_AS_NODE cannot turn Grove into a Node shell
//   EnableNodeOptionsEnvironmentVariable   off  NODE_OPTIONS cannot inject code
//   EnableNodeCliInspectArguments          off  --inspect cannot attach a debugger
//   EnableEmbeddedAsarIntegrityValidation  on   app.asar must match the hash in the signed binary (macOS, Windows)
//   OnlyLoadAppFromAsar                    on   no loading an unpacked app folder next to the binary
//   GrantFileProtocolExtraPrivileges       off  Grove never loads file:// pages
//
// The result is read back and the build fails if any fuse did not take.
const path = require('node:path');

const ARCH_NAMES = ['ia32', 'x64', 'armv7l', 'arm64', 'universal'];
// @electron/fuses' FuseState (not exported from its index): the wire holds ASCII '0'/'1'.
const FUSE_DISABLED = 48;
const FUSE_ENABLED = 49;

function electronBinary(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  switch (electronPlatformName) {
    case 'darwin':
    case 'mas':
      return path.join(appOutDir, `${packager.appInfo.productFilename}.app`);
    case 'win32':
      return path.join(appOutDir, `${packager.appInfo.productFilename}.exe`);
    default:
      return path.join(appOutDir, packager.executableName);
  }
}

exports.default = async function afterPack(context) {
  const { flipFuses, getCurrentFuseWire, FuseVersion, FuseV1Options } = require('@electron/fuses');
  const platform = context.electronPlatformName;
  const arch = ARCH_NAMES[context.arch];
  const isMac = platform === 'darwin' || platform === 'mas';
  const wanted = {
    [FuseV1Options.RunAsNode]: false,
    [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
    [FuseV1Options.EnableNodeCliInspectArguments]: false,
    // Electron validates asar integrity only on macOS and Windows.
    ...(isMac || platform === 'win32' ? { [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true } : {}),
    [FuseV1Options.OnlyLoadAppFromAsar]: true,
    [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
  };
  const binary = electronBinary(context);
  console.log(`  • after-pack: flipping fuses in ${binary}`);
  await flipFuses(binary, {
    version: FuseVersion.V1,
    // Unsigned arm64 macOS binaries must be re-signed ad hoc after editing, or they will not launch.
    resetAdHocDarwinSignature: isMac && (arch === 'arm64' || arch === 'universal'),
    ...wanted,
  });

  const wire = await getCurrentFuseWire(binary);
  const wrong = Object.entries(wanted).filter(([fuse, on]) => {
    const state = wire[fuse];
    return on ? state !== FUSE_ENABLED : state !== FUSE_DISABLED;
  });
  if (wrong.length > 0) {
    const names = wrong.map(([fuse]) => FuseV1Options[fuse]).join(', ');
    throw new Error(`after-pack: these Electron fuses did not flip: ${names}`);
  }
};
