using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Docker.DotNet.X509;
using EdgeBuild.Reporting;

namespace EdgeBuild.Containers;

/// <summary>Client certificate and CA check for a TLS engine, from ca.pem, cert.pem and key.pem (the DOCKER_CERT_PATH layout).</summary>
public static class DockerTls
{
    /// <summary>Credentials presenting cert.pem/key.pem and, when verifying, trusting only ca.pem for the engine's certificate.</summary>
    public static CertificateCredentials Credentials(DockerEndpoint endpoint)
    {
        var directory = endpoint.TlsDirectory ?? throw new ArgumentException("The endpoint has no TLS directory.", nameof(endpoint));
        var (cert, key, ca) = (Path.Combine(directory, "cert.pem"), Path.Combine(directory, "key.pem"), Path.Combine(directory, "ca.pem"));
        foreach (var file in endpoint.TlsVerify ? new[] { cert, key, ca } : [cert, key])
            if (!File.Exists(file))
                throw new BuildException($"TLS for {endpoint.Address} ({endpoint.Source}) needs {file}; put ca.pem, cert.pem and key.pem there " +
                    "(DOCKER_CERT_PATH names the directory) or use an ssh:// address.");
        // Re-imported as PKCS#12: SslStream on Linux wants a certificate whose key is not ephemeral.
        using var pem = X509Certificate2.CreateFromPemFile(cert, key);
        var client = X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
        var credentials = new CertificateCredentials(client);
        if (endpoint.TlsVerify)
        {
            var authority = X509CertificateLoader.LoadCertificateFromFile(ca);
            credentials.ServerCertificateValidationCallback = (_, certificate, _, errors) => certificate is not null && IssuedBy(certificate, authority, errors);
        }
        else credentials.ServerCertificateValidationCallback = (_, _, _, _) => true;
        return credentials;
    }

    private static bool IssuedBy(X509Certificate certificate, X509Certificate2 authority, SslPolicyErrors errors)
    {
        if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0) return false;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var server = new X509Certificate2(certificate);
        return chain.Build(server);
    }
}
