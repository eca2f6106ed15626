// The slash commands, as Discord's API takes them. Shared by the Worker (which reads option names
// from here) and `npm run discord:register` (which runs this file directly under Node's type
// stripping, so it imports nothing).

const STRING = 3;

/** The optional `proyecto` option of the commands that act on an existing project. */
const PROJECT_OPTION = {
  type: STRING,
  name: "proyecto",
  required: false,
  description: "Id del proyecto (el último si no dices cuál)",
  description_localizations: { "en-US": "Project id (the latest by default)", "en-GB": "Project id (the latest by default)" },
};

export const DISCORD_COMMANDS = [
  {
    name: "crear",
    description: "Crea una app completa a partir de una idea",
    description_localizations: { "en-US": "Create a complete app from an idea", "en-GB": "Create a complete app from an idea" },
    options: [
      {
        type: STRING,
        name: "idea",
        required: true,
        max_length: 4000,
        description: "Qué app quieres, en tus palabras",
        description_localizations: { "en-US": "The app you want, in your words", "en-GB": "The app you want, in your words" },
      },
      {
        type: STRING,
        name: "nombre",
        required: false,
        max_length: 80,
        description: "Nombre del proyecto (opcional)",
        description_localizations: { "en-US": "Project name (optional)", "en-GB": "Project name (optional)" },
      },
      {
        type: STRING,
        name: "modelo",
        required: false,
        description: "Modelo que lo construye (opcional)",
        description_localizations: { "en-US": "Model that builds it (optional)", "en-GB": "Model that builds it (optional)" },
        choices: [
          { name: "JoxCoder", value: "joxcoder" },
          { name: "OpenAI", value: "openai" },
          { name: "Anthropic", value: "anthropic" },
          { name: "blueprint (offline)", value: "blueprint" },
        ],
      },
    ],
  },
  {
    name: "estado",
    description: "Cómo va un proyecto (el último si no dices cuál)",
    description_localizations: {
      "en-US": "How a project is going (the latest by default)",
      "en-GB": "How a project is going (the latest by default)",
    },
    options: [
      {
        type: STRING,
        name: "proyecto",
        required: false,
        description: "Id del proyecto",
        description_localizations: { "en-US": "Project id", "en-GB": "Project id" },
      },
    ],
  },
  {
    name: "cambiar",
    description: "Cambia un proyecto: describe el cambio",
    description_localizations: { "en-US": "Change a project: describe the change", "en-GB": "Change a project: describe the change" },
    options: [
      {
        type: STRING,
        name: "instruccion",
        required: true,
        max_length: 4000,
        description: "Qué cambiar, por ejemplo: añade un campo teléfono a los clientes",
        description_localizations: {
          "en-US": "What to change, for example: add a phone field to customers",
          "en-GB": "What to change, for example: add a phone field to customers",
        },
      },
      PROJECT_OPTION,
    ],
  },
  {
    name: "arreglar",
    description: "Arregla un fallo de un proyecto: pega el error",
    description_localizations: { "en-US": "Fix a project's failure: paste the error", "en-GB": "Fix a project's failure: paste the error" },
    options: [
      {
        type: STRING,
        name: "problema",
        required: true,
        max_length: 4000,
        description: "El error o lo que falla",
        description_localizations: { "en-US": "The error, or what goes wrong", "en-GB": "The error, or what goes wrong" },
      },
      PROJECT_OPTION,
    ],
  },
  {
    name: "explicar",
    description: "Pregunta cómo funciona el código de un proyecto",
    description_localizations: { "en-US": "Ask how a project's code works", "en-GB": "Ask how a project's code works" },
    options: [
      {
        type: STRING,
        name: "pregunta",
        required: true,
        max_length: 4000,
        description: "Tu pregunta, por ejemplo: ¿cómo se guardan las citas?",
        description_localizations: {
          "en-US": "Your question, for example: how are bookings stored?",
          "en-GB": "Your question, for example: how are bookings stored?",
        },
      },
      PROJECT_OPTION,
    ],
  },
  {
    name: "proyectos",
    description: "Tus últimos proyectos",
    description_localizations: { "en-US": "Your latest projects", "en-GB": "Your latest projects" },
  },
  {
    name: "saldo",
    description: "Tus créditos y tu plan",
    description_localizations: { "en-US": "Your credits and plan", "en-GB": "Your credits and plan" },
  },
  {
    name: "comprar",
    description: "Compra créditos o un plan",
    description_localizations: { "en-US": "Buy credits or a plan", "en-GB": "Buy credits or a plan" },
  },
  {
    name: "vincular",
    description: "Une esta cuenta con la de otro chat",
    description_localizations: { "en-US": "Join this account with another chat's", "en-GB": "Join this account with another chat's" },
    options: [
      {
        type: STRING,
        name: "codigo",
        required: false,
        description: "El código que te dio el otro chat",
        description_localizations: { "en-US": "The code the other chat gave you", "en-GB": "The code the other chat gave you" },
      },
    ],
  },
  {
    name: "github",
    description: "Sube la historia de un proyecto a GitHub",
    description_localizations: { "en-US": "Push a project's history to GitHub", "en-GB": "Push a project's history to GitHub" },
    options: [
      {
        type: STRING,
        name: "repo",
        required: true,
        max_length: 140,
        description: "Repositorio, usuario/nombre (se crea si no existe)",
        description_localizations: {
          "en-US": "Repository, owner/name (created if missing)",
          "en-GB": "Repository, owner/name (created if missing)",
        },
      },
      {
        type: STRING,
        name: "proyecto",
        required: false,
        description: "Id del proyecto (el último si no lo dices)",
        description_localizations: { "en-US": "Project id (the latest by default)", "en-GB": "Project id (the latest by default)" },
      },
      {
        type: STRING,
        name: "rama",
        required: false,
        max_length: 100,
        description: "Rama (main si no lo dices)",
        description_localizations: { "en-US": "Branch (main by default)", "en-GB": "Branch (main by default)" },
      },
    ],
  },
  {
    name: "consola",
    description: "Entra a la consola web",
    description_localizations: { "en-US": "Sign into the web console", "en-GB": "Sign into the web console" },
  },
  {
    name: "publicar",
    description: "Haz público un proyecto: página, galería y clonado",
    description_localizations: {
      "en-US": "Make a project public: page, gallery and clone",
      "en-GB": "Make a project public: page, gallery and clone",
    },
    options: [
      {
        type: STRING,
        name: "proyecto",
        required: false,
        description: "Id del proyecto (el último si no lo dices)",
        description_localizations: { "en-US": "Project id (the latest by default)", "en-GB": "Project id (the latest by default)" },
      },
    ],
  },
  {
    name: "ocultar",
    description: "Vuelve a hacer privado un proyecto",
    description_localizations: { "en-US": "Make a project private again", "en-GB": "Make a project private again" },
    options: [
      {
        type: STRING,
        name: "proyecto",
        required: false,
        description: "Id del proyecto (el último si no lo dices)",
        description_localizations: { "en-US": "Project id (the latest by default)", "en-GB": "Project id (the latest by default)" },
      },
    ],
  },
  {
    name: "galeria",
    description: "Lo más destacado de la galería de proyectos públicos",
    description_localizations: { "en-US": "The top of the public projects' gallery", "en-GB": "The top of the public projects' gallery" },
    options: [
      {
        type: STRING,
        name: "busqueda",
        required: false,
        max_length: 200,
        description: "Qué buscar (opcional)",
        description_localizations: { "en-US": "What to search for (optional)", "en-GB": "What to search for (optional)" },
      },
    ],
  },
  {
    name: "remix",
    description: "Tu propia copia de un proyecto público, con su historia",
    description_localizations: {
      "en-US": "Your own copy of a public project, with its history",
      "en-GB": "Your own copy of a public project, with its history",
    },
    options: [
      {
        type: STRING,
        name: "proyecto",
        required: true,
        description: "Id o enlace (/p/…) del proyecto que quieres remezclar",
        description_localizations: {
          "en-US": "Id or link (/p/…) of the project to remix",
          "en-GB": "Id or link (/p/…) of the project to remix",
        },
      },
      {
        type: STRING,
        name: "instruccion",
        required: false,
        max_length: 4000,
        description: "Qué cambiar en tu copia (opcional)",
        description_localizations: { "en-US": "What to change in your copy (optional)", "en-GB": "What to change in your copy (optional)" },
      },
    ],
  },
  { name: "ayuda", description: "Qué sé hacer", description_localizations: { "en-US": "What I can do", "en-GB": "What I can do" } },
];
