// Prints a bcrypt hash for a users-file entry: `npm run hash-password` (asks) or `echo pw | npm run hash-password`.
import { createInterface } from 'node:readline'
import bcrypt from 'bcryptjs'

const COST = 12

async function readPassword(): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: process.stdin.isTTY })
  if (process.stdin.isTTY)
    process.stderr.write('Password (not echoed): ')
    // Not echoing: readline writes what is typed through _writeToOutput; silence it.
  ;(rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => undefined
  const line = await new Promise<string>((resolve) => {
    rl.once('line', resolve)
    rl.once('close', () => resolve(''))
  })
  rl.close()
  if (process.stdin.isTTY) process.stderr.write('\n')
  return line
}

async function main(): Promise<void> {
  const password = await readPassword()
  if (password.length < 8) {
    console.error('hash-password: use at least 8 characters')
    process.exit(1)
  }
  console.log(await bcrypt.hash(password, COST))
}

void main()
