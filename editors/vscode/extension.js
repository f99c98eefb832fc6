// flinkscale for VS Code: starts `flinkscale lsp` for Markdown files.
// Everything (diagnostics, quick fixes, fix all, formatting, hover,
// completion) is the server's; this file only finds the binary.
const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');

let client;

/** The binary: the `flinkscale.path` setting, else `flinkscale` on PATH. */
function binary() {
  const configured = vscode.workspace.getConfiguration('flinkscale').get('path');
  return configured && configured.trim() !== '' ? configured.trim() : 'flinkscale';
}

async function start() {
  const command = binary();
  client = new LanguageClient(
    'flinkscale',
    'flinkscale',
    { command, args: ['lsp'] },
    {
      documentSelector: [{ scheme: 'file', language: 'markdown' }],
      synchronize: {
        fileEvents: vscode.workspace.createFileSystemWatcher('**/flinkscale.toml'),
      },
    },
  );
  try {
    await client.start();
  } catch (e) {
    client = undefined;
    vscode.window.showErrorMessage(
      `flinkscale: could not start \`${command} lsp\` (${e.message || e}). ` +
        'Install flinkscale (see its README) or set `flinkscale.path`.',
    );
  }
}

exports.activate = async (context) => {
  await start();
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (event.affectsConfiguration('flinkscale.path')) {
        if (client) {
          await client.stop();
        }
        await start();
      }
    }),
  );
};

exports.deactivate = () => (client ? client.stop() : undefined);
