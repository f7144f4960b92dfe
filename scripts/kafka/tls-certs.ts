import { execFileSync } from 'node:child_process'
import { createPrivateKey } from 'node:crypto'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'

/** Files of a throwaway PKI for TLS tests: PEMs for Ferry's config, PKCS12 stores for the broker. Test-only. */
export type TestCertificates = {
  /** The CA that signed the broker and client certificates. */
  caPem: string
  /** An unrelated CA, to test a client that trusts the wrong authority. */
  otherCaPem: string
  /** Client certificate for mutual TLS, signed by `caPem`. */
  clientCertPem: string
  /** The client's unencrypted PKCS#8 private key. */
  clientKeyPem: string
  /** Broker key and certificate chain (SAN 127.0.0.1 and localhost), PKCS12. */
  brokerKeystore: string
  /** `caPem` as a PKCS12 truststore, for verifying client certificates. */
  brokerTruststore: string
  /** Password of both stores and of the broker key. */
  storePassword: string
}

const STORE_PASSWORD = 'ferry-test-store'
// EC keys are generated much faster than RSA ones, and Kafka, Java and Node all accept them.
const KEY_ARGS = ['-keyalg', 'EC', '-groupname', 'secp256r1', '-sigalg', 'SHA256withECDSA']
// Start a day early so a skewed clock never sees a certificate that is "not yet valid".
const VALIDITY_ARGS = ['-startdate', '-1d', '-validity', '30']

/**
 * Creates a CA, a broker and a client certificate signed by it, and a second unrelated CA, in `dir` (existing files
 * of the same names are replaced). Uses the JDK's keytool, plus openssl (or a one-file Java program when openssl is
 * missing) to take the client key out of its PKCS12 store.
 */
export function createTestCertificates(dir: string): TestCertificates {
  mkdirSync(dir, { recursive: true })
  const file = (name: string) => path.join(dir, name)
  const store = {
    ca: file('ca.p12'),
    otherCa: file('other-ca.p12'),
    broker: file('broker.keystore.p12'),
    trust: file('broker.truststore.p12'),
    client: file('client.p12'),
  }
  // keytool refuses to add an alias that already exists, so a second run starts from fresh stores.
  for (const p of Object.values(store)) rmSync(p, { force: true })
  const certs: TestCertificates = {
    caPem: file('ca.pem'),
    otherCaPem: file('other-ca.pem'),
    clientCertPem: file('client.pem'),
    clientKeyPem: file('client-key.pem'),
    brokerKeystore: store.broker,
    brokerTruststore: store.trust,
    storePassword: STORE_PASSWORD,
  }

  createAuthority(store.ca, 'CN=Ferry Test CA', certs.caPem)
  createAuthority(store.otherCa, 'CN=Unrelated Test CA', certs.otherCaPem)

  const brokerPem = file('broker.pem')
  createSignedKey(store.broker, 'broker', 'CN=localhost', store.ca, brokerPem, [
    '-ext',
    'SAN=ip:127.0.0.1,dns:localhost',
    '-ext',
    'EKU=serverAuth,clientAuth',
  ])
  // The broker presents its whole chain; keytool accepts a concatenated PEM chain as the certificate reply.
  const chain = file('broker-chain.pem')
  writeFileSync(chain, readFileSync(brokerPem, 'utf8') + readFileSync(certs.caPem, 'utf8'))
  keytool(['-importcert', '-noprompt', '-keystore', store.broker, '-alias', 'broker', '-file', chain])
  keytool(['-importcert', '-noprompt', '-keystore', store.trust, '-alias', 'ca', '-file', certs.caPem])

  createSignedKey(store.client, 'client', 'CN=ferry-client', store.ca, certs.clientCertPem, ['-ext', 'EKU=clientAuth'])
  writeFileSync(certs.clientKeyPem, privateKeyPem(store.client, 'client', dir), { mode: 0o600 })
  return certs
}

/** A self-signed CA key pair in `keystore`, its certificate exported to `pemFile`. */
function createAuthority(keystore: string, dname: string, pemFile: string): void {
  keytool([
    '-genkeypair',
    '-keystore',
    keystore,
    '-alias',
    'ca',
    '-dname',
    dname,
    ...KEY_ARGS,
    ...VALIDITY_ARGS,
    '-ext',
    'BC:critical=ca:true',
    '-ext',
    'KU:critical=keyCertSign,cRLSign',
  ])
  keytool(['-exportcert', '-rfc', '-keystore', keystore, '-alias', 'ca', '-file', pemFile])
}

/** A key pair in `keystore` whose certificate, signed by the CA in `caStore`, is written to `pemFile`. */
function createSignedKey(
  keystore: string,
  alias: string,
  dname: string,
  caStore: string,
  pemFile: string,
  extensions: string[],
): void {
  keytool(['-genkeypair', '-keystore', keystore, '-alias', alias, '-dname', dname, ...KEY_ARGS, ...VALIDITY_ARGS])
  const csr = keytool(['-certreq', '-keystore', keystore, '-alias', alias])
  const signed = keytool(
    ['-gencert', '-rfc', '-keystore', caStore, '-alias', 'ca', ...VALIDITY_ARGS, ...extensions],
    csr,
  )
  writeFileSync(pemFile, signed)
}

// keytool runs about a dozen times: a JVM tuned for short runs (no optimizing JIT, serial GC) halves the total time.
const FAST_JVM = ['-J-XX:TieredStopAtLevel=1', '-J-XX:+UseSerialGC']

function keytool(args: string[], input?: string): string {
  return execFileSync('keytool', [...FAST_JVM, ...args, '-storetype', 'PKCS12', '-storepass', STORE_PASSWORD], {
    encoding: 'utf8',
    input,
    stdio: ['pipe', 'pipe', 'pipe'],
    timeout: 30_000,
  })
}

/** The store's private key as unencrypted PKCS#8 PEM (keytool itself never exports private keys). */
function privateKeyPem(keystore: string, alias: string, workDir: string): string {
  const exported = hasOpenssl()
    ? execFileSync('openssl', ['pkcs12', '-in', keystore, '-nocerts', '-nodes', '-passin', `pass:${STORE_PASSWORD}`], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
        timeout: 30_000,
      })
    : privateKeyPemWithJava(keystore, alias, workDir)
  // Normalizes openssl's "Bag Attributes" preamble away.
  return createPrivateKey(exported).export({ type: 'pkcs8', format: 'pem' }).toString()
}

function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

// Java 11+ runs a single source file directly; this one prints a PKCS12 entry's key as PKCS#8 PEM.
const EXPORT_KEY_JAVA = `
import java.io.FileInputStream;
import java.security.KeyStore;
import java.util.Base64;

public class ExportKey {
  public static void main(String[] args) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (FileInputStream in = new FileInputStream(args[0])) { ks.load(in, args[1].toCharArray()); }
    byte[] der = ks.getKey(args[2], args[1].toCharArray()).getEncoded();
    String body = Base64.getMimeEncoder(64, new byte[] { '\\n' }).encodeToString(der);
    System.out.print("-----BEGIN PRIVATE KEY-----\\n" + body + "\\n-----END PRIVATE KEY-----\\n");
  }
}
`

function privateKeyPemWithJava(keystore: string, alias: string, workDir: string): string {
  const source = path.join(workDir, 'ExportKey.java')
  writeFileSync(source, EXPORT_KEY_JAVA)
  return execFileSync(
    'java',
    ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', source, keystore, STORE_PASSWORD, alias],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 60_000,
    },
  )
}
