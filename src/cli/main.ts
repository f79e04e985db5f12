// Placeholder until the CLI lands.
console.log('sts-cli');
